import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.LinkWorkerAssigned: the Link Worker (identity subject) who carries the client. */
export const LINK_WORKER_ASSIGNED = 'clients.LinkWorkerAssigned';

export const linkWorkerAssignedV1 = defineContract({
  type: LINK_WORKER_ASSIGNED,
  version: 1,
  data: { linkWorker: z.string().min(1) },
});

export const linkWorkerAssigned = linkWorkerAssignedV1;
