import { ACCESSIBILITY_FEATURES, CULTURAL_ATTRIBUTES, NEEDS } from '../index';

describe('the shared vocabularies', () => {
  // A code is a term's identity (its id derives from it), a filter value and the key of its label in
  // the console's messages: lower-case words joined by hyphens, each once.
  it.each([
    ['needs', NEEDS],
    ['cultural safety', CULTURAL_ATTRIBUTES],
    ['accessibility', ACCESSIBILITY_FEATURES],
  ])('%s: each code once, lower-case words joined by hyphens', (_name, codes: readonly string[]) => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});
