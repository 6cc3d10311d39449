import { NEEDS, type Need } from '@spn/vocabularies';

// The taxonomy of needs itself lives in @spn/vocabularies, which the console imports too.
export { NEEDS, type Need };

export const isNeed = (value: string): value is Need => (NEEDS as readonly string[]).includes(value);
