import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient } from '@spn/event-store';
import { createLogger } from '@spn/observability';
import { memoryLog, until } from '@spn/testing';
import { analyzesByTheRule, tableStatistics } from '../../test/analyze-rule';
import { ReadModelAnalyzer } from './read-model-analyzer';

describe('read-model analyzer, on PGlite (no autovacuum)', () => {
  let db: PgliteSqlClient;
  let inserted = 0;
  /** `count` more rows in one transaction, as a consumer's run commits them. */
  const insert = (count: number) =>
    db.transaction(async (tx) => {
      await tx.query(`INSERT INTO kit_cases SELECT g, 'open' FROM generate_series($1::int, $2::int) AS g`, [
        inserted + 1,
        inserted + count,
      ]);
      inserted += count;
    });

  beforeEach(async () => {
    db = new PgliteSqlClient(await PGlite.create(), true);
    inserted = 0;
    await db.exec('CREATE TABLE kit_cases (id int PRIMARY KEY, status text NOT NULL)');
  });
  afterEach(async () => {
    await db.close();
  });

  it('analyzes a table once more rows changed than 50 + 10% of those its last ANALYZE counted', async () => {
    const analyzer = new ReadModelAnalyzer(db, { intervalMs: 0 });
    const after = async (count: number) => {
      await insert(count);
      analyzer.changed();
      await analyzer.idle();
      return tableStatistics(db, 'kit_cases');
    };
    const seen = {
      fifty: await after(50),
      fiftyOne: await after(1),
      // 51 rows counted: the next is due after more than 50 + 5.1 changes, so 56 and not 55.
      fiftyFiveMore: await after(55),
      fiftySixMore: await after(1),
    };
    // Updates count as changes too: 61 of the 107 rows (more than 50 + 10.7).
    await db.query(`UPDATE kit_cases SET status = 'closed' WHERE id <= 61`);
    analyzer.changed();
    await analyzer.idle();
    await analyzer.stop();
    expect({ ...seen, sixtyOneUpdated: await tableStatistics(db, 'kit_cases') }).toEqual({
      fifty: { reltuples: -1, analyzes: 0 },
      fiftyOne: { reltuples: 51, analyzes: 1 },
      fiftyFiveMore: { reltuples: 51, analyzes: 1 },
      fiftySixMore: { reltuples: 107, analyzes: 2 },
      sixtyOneUpdated: { reltuples: 107, analyzes: 3 },
    });
  });

  it('for 1,000 rows committed one at a time, as many ANALYZEs as the rule calls for, not one per row', async () => {
    const analyzer = new ReadModelAnalyzer(db, { intervalMs: 0 });
    for (let row = 0; row < 1000; row++) {
      await insert(1);
      analyzer.changed();
      await analyzer.idle();
    }
    await analyzer.stop();
    const expected = analyzesByTheRule(1000);
    expect(await tableStatistics(db, 'kit_cases')).toEqual(expected);
    // The rule's count grows with the logarithm of the rows: 11 here, for 1,000 commits.
    expect(expected.analyzes).toBeLessThan(1000 / 50);
  });

  it('at most one check per interval, however often it is told', async () => {
    const { lines, destination } = memoryLog();
    const analyzer = new ReadModelAnalyzer(db, {
      intervalMs: 60_000,
      log: createLogger('analyzer', { destination, level: 'debug' }),
    });
    // The first check is due at once; the next waits for the interval.
    await insert(100);
    for (let told = 0; told < 100; told++) analyzer.changed();
    await until(async () => (await tableStatistics(db, 'kit_cases')).analyzes === 1, 'the first ANALYZE');
    await insert(100);
    for (let told = 0; told < 100; told++) analyzer.changed();
    // Stopped before the interval is over: the second check never runs.
    await analyzer.stop();
    analyzer.changed();
    expect({
      statistics: await tableStatistics(db, 'kit_cases'),
      logged: lines.map((line) => [line['message'], line['tables']]),
    }).toEqual({
      statistics: { reltuples: 100, analyzes: 1 },
      logged: [['read model analyzed', ['public.kit_cases']]],
    });
  });

  it('logs a failed check by its code, without what the error quotes, and tries again by itself', async () => {
    // An expression index is computed again by ANALYZE: this one fails while the session says so,
    // quoting what could be a person's name, as a real error's message may quote a row.
    await db.exec(`
      CREATE FUNCTION kit_checked(id int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('kit.fail', true) = 'on' THEN RAISE EXCEPTION 'bad row for Ada Example'; END IF;
        RETURN id;
      END $$;
      CREATE INDEX kit_cases_checked ON kit_cases (kit_checked(id));`);
    await insert(100);
    await db.exec(`SET kit.fail = 'on'`);
    const { lines, destination } = memoryLog();
    const analyzer = new ReadModelAnalyzer(db, {
      intervalMs: 20,
      log: createLogger('analyzer', { destination }),
    });
    analyzer.changed();
    await until(() => Promise.resolve(lines.length >= 2), 'two failed checks');
    const whileFailing = await tableStatistics(db, 'kit_cases');
    // Nothing tells it again: the retry finds the table still due.
    await db.exec(`SET kit.fail = 'off'`);
    await until(
      async () => (await tableStatistics(db, 'kit_cases')).analyzes === 1,
      'the ANALYZE tried again',
    );
    await analyzer.stop();
    expect({
      whileFailing,
      after: await tableStatistics(db, 'kit_cases'),
      logged: lines
        .slice(0, 2)
        .map((line) => [line['level'], line['error'], line['failures'], line['message']]),
      quoted: lines.some((line) => JSON.stringify(line).includes('Ada')),
    }).toEqual({
      whileFailing: { reltuples: -1, analyzes: 0 },
      after: { reltuples: 100, analyzes: 1 },
      logged: [
        ['warn', 'P0001', 1, 'read model statistics not updated: trying again later'],
        ['warn', 'P0001', 2, 'read model statistics not updated: trying again later'],
      ],
      quoted: false,
    });
  });
});
