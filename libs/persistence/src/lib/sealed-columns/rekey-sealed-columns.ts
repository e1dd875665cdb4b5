import type { SecretBox } from '@hookrelay/secrets';
import { DataSource } from 'typeorm';
import { serializedTransaction } from '../data-source/serialized-write.util';
import { SealedColumnSql } from './sealed-column.sql';
import { SEALED_COLUMNS, SealedColumn } from './sealed-columns.registry';

/** What one pass did to one sealed column. */
export interface RekeyColumnReport {
  table: string;
  column: string;
  /** Values opened with an older key and sealed again with the sealing key. */
  resealed: number;
  /** Values a writer replaced between our read and our write (theirs is kept: it is newer). */
  changedMeanwhile: number;
  /** Values no configured key opens: their row and the reason, for the first few. */
  unreadable: number;
  unreadableSamples: string[];
  /** Values still not sealed with the sealing key after the pass (unreadable ones, or written meanwhile by an old replica). */
  remaining: number;
}

export interface RekeyOptions {
  /** Rows read and written per transaction. */
  batchSize: number;
  columns?: readonly SealedColumn[];
  onBatch?: (table: string, column: string, resealed: number) => void;
}

const SAMPLES = 5;

/**
 * Re-seals every sealed value that is not sealed with the box's sealing key, column by column, in small
 * transactions, while the platform runs: each write is a compare-and-swap on the value read, so a value
 * the platform changed meanwhile is left as the platform wrote it. Values already sealed with the sealing
 * key are never read again, so a pass that stopped half-way resumes where it was, and a second pass is a
 * no-op.
 */
export async function rekeySealedColumns(dataSource: DataSource, box: SecretBox, options: RekeyOptions): Promise<RekeyColumnReport[]> {
  const reports: RekeyColumnReport[] = [];
  for (const sealed of options.columns ?? SEALED_COLUMNS) reports.push(await rekeyColumn(dataSource, box, sealed, options));
  return reports;
}

async function rekeyColumn(dataSource: DataSource, box: SecretBox, sealed: SealedColumn, options: RekeyOptions): Promise<RekeyColumnReport> {
  const sql = new SealedColumnSql(dataSource.options.type === 'postgres', sealed, box.currentPrefix);
  const report: RekeyColumnReport = { table: sealed.table, column: sealed.column, resealed: 0, changedMeanwhile: 0, unreadable: 0, unreadableSamples: [], remaining: 0 };
  let after: string[] | null = null;
  for (;;) {
    const rows: Array<Record<string, string>> = await dataSource.query(sql.selectBatch(after !== null), [...sql.prefixParams, ...(after ?? []), options.batchSize]);
    if (rows.length === 0) break;
    after = sealed.keys.map((k) => rows[rows.length - 1]![k]!);
    const writes: Array<{ key: string[]; old: string; next: string }> = [];
    for (const row of rows) {
      const old = row[sealed.column]!;
      try {
        const associatedData = sealed.associatedData(row);
        writes.push({ key: sealed.keys.map((k) => row[k]!), old, next: box.encrypt(box.decrypt(old, associatedData), associatedData) });
      } catch (error) {
        report.unreadable++;
        if (report.unreadableSamples.length < SAMPLES) {
          report.unreadableSamples.push(`${sealed.keys.map((k) => `${k}=${row[k]}`).join(' ')}: ${(error as Error).message}`);
        }
      }
    }
    const applied = await serializedTransaction(dataSource, async (manager) => {
      let count = 0;
      for (const write of writes) {
        const result = await manager.queryRunner!.query(sql.update, [write.next, ...write.key, write.old], true);
        count += (result as { affected?: number }).affected ?? 0;
      }
      return count;
    });
    report.resealed += applied;
    report.changedMeanwhile += writes.length - applied;
    options.onBatch?.(sealed.table, sealed.column, applied);
  }
  const [count] = (await dataSource.query(sql.countRemaining, sql.prefixParams)) as Array<{ n: string | number }>;
  report.remaining = Number(count?.n ?? 0);
  return report;
}
