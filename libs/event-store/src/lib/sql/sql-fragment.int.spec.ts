import { PGlite } from '@electric-sql/pglite';
import { PgliteSqlClient } from '../adapters/pglite';
import { querySql, sql, Sql } from './sql-fragment';

describe('sql fragments on PGlite', () => {
  let db: PgliteSqlClient;
  beforeAll(async () => {
    db = new PgliteSqlClient(await PGlite.create(), true);
    await db.exec(`CREATE TABLE person (name text, born date)`);
    await db.query(`INSERT INTO person VALUES ('Ada', '1815-12-10'), ($1, '1906-12-09')`, ["O'Hopper"]);
  });
  afterAll(() => db.close());

  it('given values that look like SQL, when they are compared, then they are values, not text of the statement', async () => {
    const named = (name: string) => sql`name = ${name}`;
    const bornBefore = (column: Sql, day: string) => sql`${column} < ${day}::date`;
    expect(
      await querySql<{ name: string }>(
        db,
        sql`SELECT name FROM person WHERE ${named("O'Hopper")} AND ${bornBefore(sql`born`, '2000-01-01')}`,
      ),
    ).toEqual([{ name: "O'Hopper" }]);
    expect(await querySql(db, sql`SELECT name FROM person WHERE ${named("x' OR '1'='1")}`)).toEqual([]);
    expect(await querySql(db, sql`SELECT ${Sql.raw('count(*)::int')} AS n FROM person`)).toEqual([{ n: 2 }]);
  });
});
