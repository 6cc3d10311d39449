import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

describe('supergraph, composed at build time', () => {
  it('is what the committed subgraph schemas compose to (run `npx nx run gateway:compose` after a change)', () => {
    expect(composeSupergraph()).toBe(readFileSync(SUPERGRAPH_FILE, 'utf8'));
  });
});
