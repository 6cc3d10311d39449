import { z } from 'zod';
import { defineContract } from '../../define-contract';

/** clients.ClientErased: the client's key was destroyed; every context forgets them. */
export const CLIENT_ERASED = 'clients.ClientErased';

export const ERASURE_REASONS = [
  'CLIENT_REQUEST',
  'DECEASED',
  'DUPLICATE',
  'RETENTION_EXPIRED',
  'RECORDED_IN_ERROR',
] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export const clientErasedV1 = defineContract({
  type: CLIENT_ERASED,
  version: 1,
  data: {
    // One of ERASURE_REASONS today; events recorded before the codes hold the text given, so any text.
    reason: z.string().min(1),
    erasedAt: z.string().min(1),
  },
});

export const clientErased = clientErasedV1;
