import type { SqlQueryable, SqlRow } from './sql-client';

/**
 * A piece of SQL with its values, written as a template (`sql\`... = ${value}\``): each interpolated
 * value becomes a parameter, numbered when the statement is complete, and an interpolated fragment is
 * spliced in with its own values. A condition written once (`consentsToShare`) can then take columns
 * or values wherever it is used, without its callers counting placeholders (`'$2'`) by hand.
 */
export class Sql {
  private constructor(
    /** The text around the values: one more piece than values. */
    private readonly pieces: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  /** A fragment of the template's pieces and values, nested fragments flattened. */
  static of(strings: readonly string[], values: readonly unknown[]): Sql {
    const pieces: string[] = [];
    const flat: unknown[] = [];
    /** The text since the last parameter: a fragment's text joins it, a value ends it. */
    let open = strings[0] ?? '';
    values.forEach((value, index) => {
      if (value instanceof Sql) {
        const [first = '', ...rest] = value.pieces;
        if (rest.length === 0) open += first;
        else {
          pieces.push(open + first, ...rest.slice(0, -1));
          open = rest.at(-1) ?? '';
        }
        flat.push(...value.values);
      } else {
        pieces.push(open);
        flat.push(value);
        open = '';
      }
      open += strings[index + 1] ?? '';
    });
    pieces.push(open);
    return new Sql(pieces, flat);
  }

  /** Fragments one after another with `separator` between (`' AND '`, `', '`); none gives `empty`. */
  static join(parts: readonly Sql[], separator: string, empty: Sql = Sql.raw('')): Sql {
    if (parts.length === 0) return empty;
    return Sql.of(['', ...parts.slice(1).map(() => separator), ''], parts);
  }

  /** SQL text the code itself holds (a column, a list of columns), never input: spliced as it is. */
  static raw(text: string): Sql {
    return new Sql([text], []);
  }

  /** The statement's text with `$1`, `$2`... and its values in that order. */
  toQuery(): { readonly text: string; readonly values: readonly unknown[] } {
    const text = this.pieces.reduce((whole, piece, index) => `${whole}$${String(index)}${piece}`);
    return { text, values: this.values };
  }
}

/** `sql\`SELECT ... WHERE id = ${id}\``: values as parameters, fragments spliced (see {@link Sql}). */
export const sql = (strings: TemplateStringsArray, ...values: readonly unknown[]): Sql =>
  Sql.of(strings, values);

/** Runs a statement written with {@link sql}. */
export function querySql<R extends SqlRow = SqlRow>(
  db: Pick<SqlQueryable, 'query'>,
  statement: Sql,
): Promise<R[]> {
  const { text, values } = statement.toQuery();
  return db.query<R>(text, values);
}
