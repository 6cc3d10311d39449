import {
  ACCESSIBILITY_FEATURES,
  ACTION_OWNERS,
  ANSWER_SCALES,
  CAPACITY_STATUSES,
  CLOSURE_REASONS,
  CONSENT_PURPOSES,
  CULTURAL_ATTRIBUTES,
  NEEDS,
  ONS4_ITEMS,
  PRIORITIES,
  READINESS_STAGES,
  REFERRAL_STATUS_REASONS,
  SWEMWBS_ITEMS,
  swemwbsItemName,
  TASK_KINDS,
  TASK_STATUSES,
  UCLA3_ITEMS,
} from '@spn/vocabularies';
import { en } from './en';

// `label(prefix, code)` falls back to the bare code when the catalogue lacks it, so a code a service
// adds to a shared list would show untranslated without this check; fr.ts has every key of en.ts by type.
const points = (scale: { min: number; max: number }) =>
  Array.from({ length: scale.max - scale.min + 1 }, (_, index) => String(scale.min + index));

describe("the console's messages", () => {
  it.each([
    ['need', NEEDS],
    ['cultural', CULTURAL_ATTRIBUTES],
    ['access', ACCESSIBILITY_FEATURES],
    ['priority', PRIORITIES],
    ['stage', READINESS_STAGES],
    ['owner', ACTION_OWNERS],
    ['closure', CLOSURE_REASONS],
    ['taskKind', TASK_KINDS],
    ['taskStatus', TASK_STATUSES],
    ['consent', CONSENT_PURPOSES],
    ['capacity', CAPACITY_STATUSES],
    ['reason', REFERRAL_STATUS_REASONS],
    ['item', [...ONS4_ITEMS, ...UCLA3_ITEMS, ...SWEMWBS_ITEMS.map((_, index) => swemwbsItemName(index))]],
    ['ucla3', points(ANSWER_SCALES.UCLA3)],
    ['swemwbs', points(ANSWER_SCALES.SWEMWBS)],
  ])('label every code of a shared list: %s', (prefix, codes: readonly string[]) => {
    const missing = codes.filter((code) => !(`${prefix}.${code}` in en));
    expect(missing).toEqual([]);
  });
});
