/**
 * Which access records a request has written so far: the resolvers write them (`AccessAudit`), the
 * personal-data check (`personalDataAudit`) reads them before the answer leaves the subgraph. Kept per
 * request object and per caller made from it (`callerOf`), in weak maps: nothing outlives the request.
 */
const LEDGERS = new WeakMap<object, string[]>();

/** The operations recorded for this request (an empty list at first). */
export function ledgerOfRequest(request: object): string[] {
  let ledger = LEDGERS.get(request);
  if (!ledger) {
    ledger = [];
    LEDGERS.set(request, ledger);
  }
  return ledger;
}

/** Ties a caller to its request's ledger. */
export function bindLedger(caller: object, request: object): void {
  LEDGERS.set(caller, ledgerOfRequest(request));
}

/** Notes that an access record of `operation` was stored for the caller's request. */
export function noteRecorded(caller: object, operation: string): void {
  LEDGERS.get(caller)?.push(operation);
}
