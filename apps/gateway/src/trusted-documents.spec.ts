import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONSOLE_DOCUMENTS_FILE,
  TrustedDocuments,
  TrustedDocumentsFileError,
  trustedDocumentsRoute,
  type TrustedDocumentsMode,
} from './trusted-documents';

const WORKLIST = 'query Worklist { caseload(first: 5) { items { clientId } } }';
const hashOf = (document: string) => `sha256:${createHash('sha256').update(document).digest('hex')}`;

/** Runs the middleware on one body: what reached the GraphQL server, or the refusal. */
function run(documents: TrustedDocuments, mode: TrustedDocumentsMode, body: unknown) {
  const request = { body };
  let refusal: { status: number; body: unknown } | undefined;
  let passed = false;
  const response = {
    status: (code: number) => ({
      ...response,
      json: (answer: unknown) => {
        refusal = { status: code, body: answer };
      },
    }),
    setHeader: () => undefined,
    json: () => undefined,
  };
  trustedDocumentsRoute(documents, mode)(request, response, () => {
    passed = true;
  });
  return { passed, refusal, body: request.body };
}

describe('trusted documents (persisted operations)', () => {
  let folder: string;
  let documents: TrustedDocuments;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'spn-trusted-'));
    const file = join(folder, 'list.json');
    await writeFile(file, JSON.stringify({ [hashOf(WORKLIST)]: WORKLIST }));
    documents = await TrustedDocuments.load([file]);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("loads the web console's own list, every hash checked against its document", async () => {
    const consoleList = await TrustedDocuments.load([CONSOLE_DOCUMENTS_FILE]);
    expect(consoleList.size).toBeGreaterThanOrEqual(20);
  });

  it('refuses a list whose entry is not the hash of its document, naming the file and the entry', async () => {
    const file = join(folder, 'forged.json');
    const forged = hashOf('query Other { __typename }');
    await writeFile(file, JSON.stringify({ [forged]: WORKLIST }));
    const error = await TrustedDocuments.load([file]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TrustedDocumentsFileError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toContain(forged);
  });

  it('refuses a list that is not JSON, naming the file', async () => {
    const file = join(folder, 'broken.json');
    await writeFile(file, '{ not json');
    await expect(TrustedDocuments.load([file])).rejects.toThrow(file);
  });

  it.each<TrustedDocumentsMode>(['off', 'only'])('%s: runs the operation a known hash names', (mode) => {
    for (const hash of [hashOf(WORKLIST), hashOf(WORKLIST).slice('sha256:'.length)]) {
      const outcome = run(documents, mode, {
        variables: {},
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      });
      expect(outcome).toMatchObject({ passed: true, body: { query: WORKLIST, extensions: {} } });
    }
    expect(run(documents, mode, { documentId: hashOf(WORKLIST) })).toMatchObject({
      passed: true,
      body: { query: WORKLIST },
    });
  });

  it.each<TrustedDocumentsMode>(['off', 'only'])('%s: refuses a hash it does not know', (mode) => {
    const outcome = run(documents, mode, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('{ __typename }') } },
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.refusal).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
    });
  });

  it('only: refuses an operation sent as text unless it is a trusted one word for word', () => {
    expect(run(documents, 'only', { query: '{ caseload { items { clientId } } }' }).refusal).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }] },
    });
    expect(run(documents, 'only', { query: WORKLIST }).passed).toBe(true);
    // Nothing at all to run is refused too (the hash is the only way in).
    expect(run(documents, 'only', { variables: {} }).passed).toBe(false);
  });

  it('only: checks every operation of a batch', () => {
    const batch = [{ query: WORKLIST }, { query: '{ __schema { types { name } } }' }];
    expect(run(documents, 'only', batch).refusal).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }] },
    });
  });

  it('off: lets any operation sent as text run (the explorer, a partner)', () => {
    expect(run(documents, 'off', { query: '{ __typename }' }).passed).toBe(true);
  });
});
