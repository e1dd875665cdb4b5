import { SealedColumn } from './sealed-columns.registry';

/** The three statements of one column, for either driver ($n or ? placeholders; row values work on both). */
export class SealedColumnSql {
  readonly prefixParams: [number, string];
  readonly update: string;
  readonly countRemaining: string;
  private readonly notCurrent: string;

  constructor(
    private readonly postgres: boolean,
    private readonly sealed: SealedColumn,
    sealingPrefix: string,
  ) {
    this.prefixParams = [sealingPrefix.length, sealingPrefix];
    // substr, not LIKE: key ids may contain "_", a LIKE wildcard.
    this.notCurrent = `${sealed.column} IS NOT NULL AND substr(${sealed.column}, 1, ${this.p(1)}) <> ${this.p(2)}`;
    this.countRemaining = `SELECT COUNT(*) AS n FROM ${sealed.table} WHERE ${this.notCurrent}`;
    const keyMatch = sealed.keys.map((k, i) => `${k} = ${this.p(i + 2)}`).join(' AND ');
    this.update = `UPDATE ${sealed.table} SET ${sealed.column} = ${this.p(1)} WHERE ${keyMatch} AND ${sealed.column} = ${this.p(sealed.keys.length + 2)}`;
  }

  selectBatch(hasCursor: boolean): string {
    const keys = this.sealed.keys.join(', ');
    const cursor = hasCursor ? ` AND (${keys}) > (${this.sealed.keys.map((_, i) => this.p(i + 3)).join(', ')})` : '';
    const limit = this.p(3 + (hasCursor ? this.sealed.keys.length : 0));
    return `SELECT ${keys}, ${this.sealed.column} FROM ${this.sealed.table} WHERE ${this.notCurrent}${cursor} ORDER BY ${keys} LIMIT ${limit}`;
  }

  private p(n: number): string {
    return this.postgres ? `$${n}` : '?';
  }
}
