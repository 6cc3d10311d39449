// `nx run gateway:compose`: writes the supergraph from the committed subgraph schemas; commit the result.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './compose';

writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
console.log(`written ${SUPERGRAPH_FILE}`);
