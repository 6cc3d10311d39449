import { sql, Sql } from './sql-fragment';

describe('sql fragments', () => {
  it('given values, when the statement is made, then each is a numbered parameter and none is in the text', () => {
    const name = "O'Brien; DROP TABLE x";
    expect(sql`SELECT 1 FROM t WHERE a = ${name} AND b > ${3}`.toQuery()).toEqual({
      text: 'SELECT 1 FROM t WHERE a = $1 AND b > $2',
      values: [name, 3],
    });
  });

  it('given nested fragments, when the statement is made, then their values are numbered in the order they appear', () => {
    const inForce = (column: Sql, day: string) => sql`${column} <= ${day}::date AND ${day}::date < x`;
    const statement = sql`SELECT ${Sql.raw('a, b')} FROM t WHERE c = ${'c1'} AND ${inForce(sql`t.d`, '2026-12-06')} LIMIT ${10}`;
    expect(statement.toQuery()).toEqual({
      text: 'SELECT a, b FROM t WHERE c = $1 AND t.d <= $2::date AND $3::date < x LIMIT $4',
      values: ['c1', '2026-12-06', '2026-12-06', 10],
    });
  });

  it('given a fragment at the start or the end, when the statement is made, then no text is lost', () => {
    expect(sql`${sql`${1} = ${2}`}`.toQuery()).toEqual({ text: '$1 = $2', values: [1, 2] });
    expect(sql`${Sql.raw('SELECT')} ${null}`.toQuery()).toEqual({ text: 'SELECT $1', values: [null] });
  });

  it('given fragments to join, when the statement is made, then they stand between separators with their values', () => {
    const conditions = [sql`a = ${1}`, sql`b = ${2}`, sql`c`];
    expect(sql`WHERE ${Sql.join(conditions, ' AND ')} LIMIT ${3}`.toQuery()).toEqual({
      text: 'WHERE a = $1 AND b = $2 AND c LIMIT $3',
      values: [1, 2, 3],
    });
    expect(sql`WHERE ${Sql.join([], ' AND ', sql`true`)}`.toQuery()).toEqual({
      text: 'WHERE true',
      values: [],
    });
  });
});
