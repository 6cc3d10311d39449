/**
 * Web console bundle benchmark (`nx run web:bench`, after `web:build`): the initial JavaScript (the
 * scripts index.html loads and preloads) gzipped, against the budget of 250 KB, and every
 * chunk's size. Writes bench-results/web.json; exits 1 over budget.
 */
import { round, writeBenchResults } from '@spn/testing';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUILD = resolve(__dirname, '../../../dist/apps/web');
const INITIAL_BUDGET_KB = 250;

const kb = (bytes: number): number => round(bytes / 1024, 1);

async function main(): Promise<number> {
  const html = await readFile(join(BUILD, 'index.html'), 'utf8');
  // The entry script and any module it preloads: what the browser fetches before the first render.
  const initial = new Set(
    [
      ...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/(assets\/[^"]+\.js)"/g),
    ].map((match) => match[1] ?? ''),
  );
  const chunks = await Promise.all(
    (await readdir(join(BUILD, 'assets')))
      .filter((file) => file.endsWith('.js') || file.endsWith('.css'))
      .map(async (file) => {
        const bytes = await readFile(join(BUILD, 'assets', file));
        return {
          file: `assets/${file}`,
          initial: initial.has(`assets/${file}`),
          kb: kb(bytes.length),
          gzippedKb: kb(gzipSync(bytes, { level: 9 }).length),
        };
      }),
  );
  const initialGzippedKb = round(
    chunks.filter((chunk) => chunk.initial).reduce((sum, chunk) => sum + chunk.gzippedKb, 0),
    1,
  );
  const results = { initialGzippedKb, budgetKb: INITIAL_BUDGET_KB, chunks };
  const path = await writeBenchResults('web', results);
  for (const chunk of chunks)
    console.log(
      `${chunk.file.endsWith('.css') ? 'style  ' : chunk.initial ? 'initial' : 'lazy   '} ${chunk.file}: ${chunk.kb} KB, ${chunk.gzippedKb} KB gzipped`,
    );
  console.log(`initial JavaScript: ${initialGzippedKb} KB gzipped (budget ${INITIAL_BUDGET_KB} KB); ${path}`);
  return initialGzippedKb <= INITIAL_BUDGET_KB ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
