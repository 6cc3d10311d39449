import { DomainError } from '../domain/decider';
import { headerOf, type AuthenticatedRequest, type Caller } from '../auth/caller';
import type { AccessAudit } from './access-audit';

/** The header a caller states why they open a file outside their need to know. */
export const ACCESS_REASON_HEADER = 'x-spn-access-reason';
const MAX_REASON = 500;

/**
 * The reason a caller stated for a break-the-glass access, if any: trimmed, 1 to 500 characters
 * (code points), no control characters; anything else is refused naming the header.
 */
export function accessReasonOf(request: AuthenticatedRequest): string | undefined {
  const reason = headerOf(request.headers, ACCESS_REASON_HEADER);
  if (reason === undefined) return undefined;
  if (Array.from(reason).length > MAX_REASON || /[\u0000-\u001f\u007f]/.test(reason))
    throw new DomainError(
      'INVALID_ACCESS_REASON',
      `${ACCESS_REASON_HEADER} must be at most ${MAX_REASON} characters, without control characters`,
      ACCESS_REASON_HEADER,
    );
  return reason;
}

/** A client's file as need to know sees it: whose caseload it is on. */
export interface ClientFile {
  readonly clientId: string;
  /** The assigned Link Worker (subject); null while none is (intake). */
  readonly linkWorker: string | null;
}

/**
 * Need to know inside an organization (docs/identity.md), decided before a client's file is answered,
 * and recorded: the file's Link Worker, a supervisor of a team that Link Worker is on, or, while no
 * Link Worker is assigned, the organization's care team (intake) open it; anyone else only with a
 * stated reason (`x-spn-access-reason`), recorded as a break-the-glass access (the org-admin sees
 * them; the reason is sealed with the client's key); without one, the refusal is recorded and the
 * caller gets `NEED_TO_KNOW`.
 */
export async function openClientFile(
  audit: AccessAudit,
  caller: Caller,
  request: AuthenticatedRequest,
  access: {
    readonly operation: string;
    readonly resourceType: string;
    readonly file: ClientFile | null;
    /** Whether `supervisor` supervises `linkWorker` (a team of the organization has both). */
    readonly supervises: (supervisor: string, linkWorker: string) => Promise<boolean>;
  },
): Promise<void> {
  const { operation, resourceType, file } = access;
  if (!file) return audit.disclosed(caller, operation, resourceType, []);
  const assigned = file.linkWorker;
  const needsToKnow =
    assigned === null ||
    assigned === caller.subject ||
    (caller.roles.includes('supervisor') && (await access.supervises(caller.subject, assigned)));
  if (needsToKnow) return audit.disclosed(caller, operation, resourceType, [file.clientId]);
  const justification = accessReasonOf(request);
  if (justification === undefined) {
    await audit.record(caller, {
      operation,
      resourceType,
      resourceIds: [file.clientId],
      outcome: 'denied',
      reason: 'need-to-know',
    });
    throw new DomainError(
      'NEED_TO_KNOW',
      `Only the client's Link Worker and their team's supervisor open this file; state a reason in ${ACCESS_REASON_HEADER} to open it anyway (recorded)`,
      ACCESS_REASON_HEADER,
    );
  }
  await audit.record(caller, {
    operation,
    resourceType,
    resourceIds: [file.clientId],
    outcome: 'permitted',
    reason: 'break-the-glass',
    justification,
    clientId: file.clientId,
  });
}
