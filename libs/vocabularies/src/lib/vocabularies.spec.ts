import {
  ACCESSIBILITY_FEATURES,
  ACTION_OWNERS,
  CLOSURE_REASONS,
  CULTURAL_ATTRIBUTES,
  NEEDS,
  PRIORITIES,
  READINESS_STAGES,
  TASK_KINDS,
  TASK_STATUSES,
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
  ])('%s: each code once, lower-case words joined by hyphens', (_name, codes: readonly string[]) => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
