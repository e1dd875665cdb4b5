import { EncryptionEnv, encryptionKeyringFrom, loadConfig } from '@hookrelay/config';
import { rekeySealedColumns, RekeyColumnReport, SchemaName, SCHEMAS } from '@hookrelay/persistence';
import { SecretBox } from '@hookrelay/secrets';
import { CliUsageError } from './cli-usage.error';
import { withDataSource } from './with-data-source.util';

const DEFAULT_BATCH = 500;

/**
 * `hookrelay rekey [--batch-size n]`: re-seals every sealed value of every schema with the first key of
 * HOOKRELAY_ENCRYPTION_KEYS, a batch per transaction, while the platform runs. Run it after every replica
 * runs with the new keyring; run it again until it reports nothing left, then drop the old key.
 * Exit 0 when no value is left under another key, 1 otherwise.
 */
export async function rekeyCommand(args: readonly string[]): Promise<number> {
  const batchSize = parseBatchSize(args);
  const box = new SecretBox(encryptionKeyringFrom(loadConfig(EncryptionEnv)));
  console.error(`re-sealing with encryption key "${box.sealingKid}", ${batchSize} rows per transaction`);
  const reports = await withDataSource(Object.keys(SCHEMAS) as SchemaName[], (dataSource) => rekeySealedColumns(dataSource, box, { batchSize }));
  for (const report of reports) console.log(describe(report));
  const unreadable = reports.reduce((sum, r) => sum + r.unreadable, 0);
  const remaining = reports.reduce((sum, r) => sum + r.remaining, 0);
  for (const sample of reports.flatMap((r) => r.unreadableSamples.map((s) => `${r.table}.${r.column} ${s}`))) console.error(`unreadable: ${sample}`);
  if (remaining === 0) {
    console.error(`done: every sealed value is sealed with "${box.sealingKid}"; the other keys may be removed from HOOKRELAY_ENCRYPTION_KEYS`);
    return 0;
  }
  console.error(`${remaining} value(s) are still sealed with other keys (${unreadable} unreadable with this keyring): `
    + `check that every replica seals with "${box.sealingKid}" and run rekey again; keep the old keys until it reports 0`);
  return 1;
}

function describe(r: RekeyColumnReport): string {
  return `${r.table}.${r.column}: ${r.resealed} re-sealed, ${r.changedMeanwhile} changed meanwhile, ${r.unreadable} unreadable, ${r.remaining} left under other keys`;
}

function parseBatchSize(args: readonly string[]): number {
  if (args.length === 0) return DEFAULT_BATCH;
  const [flag, value, ...extra] = args;
  const size = Number(value);
  if (flag !== '--batch-size' || extra.length > 0 || !Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new CliUsageError('rekey takes only --batch-size <1-10000>');
  }
  return size;
}
