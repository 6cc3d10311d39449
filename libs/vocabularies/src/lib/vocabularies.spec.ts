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
  TASK_KINDS,
  SWEMWBS_ITEMS,
  TASK_STATUSES,
  UCLA3_ITEMS,
} from '../index';

describe('the shared vocabularies', () => {
  // A code is a term's identity (its id derives from it), a filter value and the key of its label in
  // the console's messages: lower-case words joined by hyphens, each once.
  it.each([
    ['needs', NEEDS],
    ['cultural safety', CULTURAL_ATTRIBUTES],
    ['accessibility', ACCESSIBILITY_FEATURES],
    ['priorities', PRIORITIES],
    ['readiness stages', READINESS_STAGES],
    ['action owners', ACTION_OWNERS],
    ['closure reasons', CLOSURE_REASONS],
    ['task kinds', TASK_KINDS],
    ['task statuses', TASK_STATUSES],
    ['consent purposes', CONSENT_PURPOSES],
    ['capacity statuses', CAPACITY_STATUSES],
    ['referral status reasons', REFERRAL_STATUS_REASONS],
  ])('%s: each code once, lower-case words joined by hyphens', (_name, codes: readonly string[]) => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  // Named items are answer fields (`items.leftOut`) and label keys; SWEMWBS's are asked by position.
  it.each([
    ['ONS4', ONS4_ITEMS],
    ['UCLA3', UCLA3_ITEMS],
  ])('%s: each item once, a camel-case field name', (_name, items: readonly string[]) => {
    expect(new Set(items).size).toBe(items.length);
    for (const item of items) expect(item).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('SWEMWBS asks seven distinct items', () => {
    expect(new Set(SWEMWBS_ITEMS).size).toBe(7);
  });

  it.each(Object.entries(ANSWER_SCALES))('%s: a scale of whole numbers, lowest first', (_name, scale) => {
    expect(Number.isInteger(scale.min) && Number.isInteger(scale.max)).toBe(true);
    expect(scale.min).toBeLessThan(scale.max);
  });
});
