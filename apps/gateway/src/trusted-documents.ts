import { refuse } from '@spn/service-kit';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

/** The web console's operations, as codegen lists them (`nx run web:codegen`): hash → document. */
export const CONSOLE_DOCUMENTS_FILE = resolve(__dirname, '../../web/src/gql/persisted-documents.json');

/** `off`: any operation runs (a hash of a trusted one too); `only`: trusted operations alone run. */
export type TrustedDocumentsMode = 'off' | 'only';

/** A list of trusted documents that cannot be used as it is: the file and the entry are named. */
export class TrustedDocumentsFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'TrustedDocumentsFileError';
  }
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const bareHash = (hash: string): string => hash.replace(/^sha256:/, '').toLowerCase();

/**
 * The operations this gateway trusts, read at start from one or more lists (`{ "sha256:<hex>": "<document>" }`,
 * the format GraphQL Code Generator writes). Each entry's hash is checked against its document, so a
 * list edited by hand cannot make one hash stand for another operation.
 */
export class TrustedDocuments {
  private constructor(private readonly byHash: ReadonlyMap<string, string>) {}

  static async load(files: readonly string[]): Promise<TrustedDocuments> {
    const byHash = new Map<string, string>();
    for (const file of files) {
      let entries: unknown;
      try {
        entries = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new TrustedDocumentsFileError(file, `cannot be read as JSON (${(error as Error).message})`);
      }
      if (typeof entries !== 'object' || entries === null || Array.isArray(entries))
        throw new TrustedDocumentsFileError(file, 'must be an object of "sha256:<hash>": "<document>"');
      for (const [hash, document] of Object.entries(entries)) {
        if (typeof document !== 'string' || sha256(document) !== bareHash(hash))
          throw new TrustedDocumentsFileError(file, `the entry ${hash} is not the SHA-256 of its document`);
        byHash.set(bareHash(hash), document);
      }
    }
    return new TrustedDocuments(byHash);
  }

  get size(): number {
    return this.byHash.size;
  }

  document(hash: string): string | undefined {
    return this.byHash.get(bareHash(hash));
  }

  trusts(query: string): boolean {
    return this.byHash.has(sha256(query));
  }
}

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

type Outcome =
  { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

/** Puts the trusted document in place of its hash; refuses what the mode does not let run. */
function resolveOperation(
  body: GraphQLBody,
  documents: TrustedDocuments,
  mode: TrustedDocumentsMode,
): Outcome {
  const persisted = body.extensions?.persistedQuery;
  const hash = typeof body.documentId === 'string' ? body.documentId : persisted?.sha256Hash;
  if (typeof hash === 'string') {
    const document = documents.document(hash);
    if (document === undefined)
      return {
        ok: false,
        code: 'PERSISTED_QUERY_NOT_FOUND',
        message: 'PersistedQueryNotFound: no trusted operation has this hash',
      };
    body.query = document;
    delete body.documentId;
    // The operation is resolved here; the GraphQL server is not asked to look the hash up again.
    if (body.extensions) delete body.extensions.persistedQuery;
    return { ok: true };
  }
  if (mode === 'only' && !(typeof body.query === 'string' && documents.trusts(body.query)))
    return {
      ok: false,
      code: 'OPERATION_NOT_TRUSTED',
      message:
        'only trusted operations run on this gateway: send the hash of a listed operation (extensions.persistedQuery.sha256Hash)',
    };
  return { ok: true };
}

/**
 * Express middleware, after the body is read: a request naming a trusted operation by its hash
 * (`extensions.persistedQuery.sha256Hash`, as urql and Apollo clients send it, or `documentId`) runs
 * that operation; an unknown hash is refused (400, `PERSISTED_QUERY_NOT_FOUND`). With `only`, an
 * operation sent as text runs only if it is one of the trusted documents, word for word (400,
 * `OPERATION_NOT_TRUSTED`). A batch is checked operation by operation.
 */
export function trustedDocumentsRoute(documents: TrustedDocuments, mode: TrustedDocumentsMode) {
  return (request: { body?: unknown }, response: Parameters<typeof refuse>[0], next: () => void): void => {
    const { body } = request;
    if (typeof body !== 'object' || body === null) {
      next();
      return;
    }
    const operations: unknown[] = Array.isArray(body) ? body : [body];
    for (const operation of operations) {
      // Not an object: the GraphQL server refuses it as it is.
      if (typeof operation !== 'object' || operation === null) continue;
      const outcome = resolveOperation(operation, documents, mode);
      if (!outcome.ok) {
        refuse(response, 400, outcome.code, outcome.message);
        return;
      }
    }
    next();
  };
}
