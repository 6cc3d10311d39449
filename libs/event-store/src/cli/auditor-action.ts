import { DEFAULT_AUDITOR_ORGANIZATION, type Auditor } from '../lib/history/auditor-actions';
import { UsageError } from './options';

export {
  AUDITOR_ACTION_TYPE,
  DEFAULT_AUDITOR_ORGANIZATION,
  recordAuditorAction,
  type Auditor,
} from '../lib/history/auditor-actions';

const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Who runs the command: `--actor` or `SPN_AUDITOR`; refused when unknown (who did what must be known). */
export function auditorOf(
  values: { actor?: string; 'actor-organization'?: string },
  env: NodeJS.ProcessEnv,
): Auditor {
  const subject = values.actor ?? env['SPN_AUDITOR'];
  if (!subject) throw new UsageError('who is auditing? give --actor <subject> or set SPN_AUDITOR');
  if (!SUBJECT.test(subject))
    throw new UsageError('--actor must be letters, digits and ._:- (an id, not a name)');
  const organizationId =
    values['actor-organization'] ?? env['SPN_AUDITOR_ORGANIZATION'] ?? DEFAULT_AUDITOR_ORGANIZATION;
  return { subject, organizationId };
}
