import { SecretBox } from '@hookrelay/secrets';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import Database from 'better-sqlite3';
import { createCipheriv, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DatabaseTarget } from '../data-source/data-source-options';
import { openDataSource } from '../data-source/open-data-source';
import { SCHEMAS, SchemaName } from '../data-source/schemas';
import { rekeySealedColumns } from './rekey-sealed-columns';
import { SEALED_COLUMNS, SealedColumn } from './sealed-columns.registry';

const OLD = randomBytes(32).toString('base64');
const NEW = randomBytes(32).toString('base64');
const STRAY = randomBytes(32).toString('base64');
const before = new SecretBox([{ kid: 'old', key: OLD }]);
const during = new SecretBox([{ kid: 'new', key: NEW }, { kid: 'old', key: OLD }]);
const after = new SecretBox([{ kid: 'new', key: NEW }]);
/** Rows per sealed column; with BATCH 3 that is several batches and a short last one. */
const ROWS = 7;
const BATCH = 3;
const T0 = 1_767_000_000_000;

/** A value as SecretBox sealed it before keyrings ("v1", no key id): what existing databases hold. */
function sealAsV1(base64Key: string, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(base64Key, 'base64'), iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

/** The row of table number `n`, every NOT NULL column filled, the sealed columns null. */
function rowOf(table: string, n: number): Record<string, unknown> {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const tenant = `0b7f6f1e-1111-4a2b-8c3d-${String(n % 2).padStart(12, '0')}`;
  switch (table) {
    case 'envelope_callbacks':
      return { id, tenant_id: tenant, mailbox: tenant, filter: '{}', url: 'https://example.com/', retries: 1, timeout_ms: 1000, success_code: 200, created_at: T0 };
    case 'integration_points':
      return { tenant_id: tenant, id, code: `C${n}`, type: 'public', token_local: `tok${n}`.padEnd(32, '0'), opts_recv_timeout: 1000, created_at: T0, updated_at: T0 };
    case 'application_webhooks':
      return { tenant_id: tenant, application_id: n, url: 'https://example.com/', retry_enabled: 1, retry_config: '{}', headers: '{}', created_at: T0, updated_at: T0 };
    case 'delivery_targets':
      return { tenant_id: tenant, source: 'application_webhook', subscription_id: `sub-${n}`, version: 1, updated_at: T0 };
    case 'subscription_secrets':
      return { tenant_id: tenant, source: 'application_webhook', subscription_id: `sub-${n}`, updated_at: T0 };
    case 'deliveries':
      return {
        id, tenant_id: tenant, source: 'application_webhook', subscription_id: `sub-${n}`, url: 'https://example.com/', event: 'e', payload: '{}',
        headers: '{}', policy: '{}', state: 'OPEN', application_state: 'NEW', attempts: 0, created_at: T0, updated_at: T0, version: 0, queued: 0,
      };
    default:
      throw new Error(`no row factory for ${table}: add one (a new sealed table)`);
  }
}

const keyOf = (sealed: SealedColumn, row: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(sealed.keys.map((k) => [k, String(row[k])]));

describe.each(['sqlite', 'postgres'] as const)('rekey on %s', (driver) => {
  let target: DatabaseTarget;
  let ds: DataSource;
  const p = (n: number): string => (driver === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    target = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('rekey') };
    ds = await openDataSource(target, Object.keys(SCHEMAS) as SchemaName[]);
  });

  afterAll(async () => {
    await ds.destroy();
  });

  async function insert(table: string, row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    await ds.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => p(i + 1)).join(', ')})`, Object.values(row));
  }

  async function read(sealed: SealedColumn): Promise<Array<Record<string, string>>> {
    return ds.query(`SELECT ${sealed.keys.join(', ')}, ${sealed.column} FROM ${sealed.table} WHERE ${sealed.column} IS NOT NULL ORDER BY ${sealed.keys.join(', ')}`);
  }

  it('knows every column of every service schema whose name says it is sealed', async () => {
    const columns: Array<{ table_name: string; column_name: string }> = driver === 'sqlite'
      ? await ds.query(`SELECT m.name AS table_name, c.name AS column_name FROM sqlite_master m JOIN pragma_table_info(m.name) c WHERE m.type = 'table'`)
      : await ds.query('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()');
    const sealedNames = columns.filter((c) => c.column_name.endsWith('_sealed')).map((c) => `${c.table_name}.${c.column_name}`).sort();
    expect(sealedNames).toEqual(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
  });

  it('re-seals every value in batches, leaves them readable with the new key alone, and a second pass does nothing', async () => {
    // Rows of one table are shared by its sealed columns; each column gets v1, old-key and already-new values.
    const tables = [...new Set(SEALED_COLUMNS.map((c) => c.table))];
    for (const table of tables) {
      for (let n = 1; n <= ROWS; n++) {
        const row = rowOf(table, n);
        for (const sealed of SEALED_COLUMNS.filter((c) => c.table === table)) {
          const ad = sealed.associatedData(keyOf(sealed, row));
          const plaintext = `${sealed.column}#${n}`;
          row[sealed.column] = n % 3 === 0 ? sealAsV1(OLD, plaintext, ad) : n % 3 === 1 ? before.encrypt(plaintext, ad) : during.encrypt(plaintext, ad);
        }
        await insert(table, row);
      }
    }
    const toReseal = [1, 2, 3, 4, 5, 6, 7].filter((n) => n % 3 !== 2).length;
    const batches: number[] = [];

    const reports = await rekeySealedColumns(ds, during, { batchSize: BATCH, onBatch: (_t, _c, count) => batches.push(count) });

    for (const report of reports) {
      expect(report).toEqual({ table: report.table, column: report.column, resealed: toReseal, changedMeanwhile: 0, unreadable: 0, unreadableSamples: [], remaining: 0 });
    }
    expect(batches).toEqual(SEALED_COLUMNS.flatMap(() => [3, 2]));
    for (const sealed of SEALED_COLUMNS) {
      const rows = await read(sealed);
      expect(rows).toHaveLength(ROWS);
      for (const row of rows) {
        expect(row[sealed.column]).toMatch(/^v2:new:/);
        expect(after.decrypt(row[sealed.column]!, sealed.associatedData(row))).toMatch(new RegExp(`^${sealed.column}#\\d$`));
      }
    }
    const again = await rekeySealedColumns(ds, during, { batchSize: BATCH });
    expect(again.map((r) => r.resealed + r.changedMeanwhile + r.unreadable + r.remaining)).toEqual(SEALED_COLUMNS.map(() => 0));
  });

  it('reports a value no configured key opens, names its row, and re-seals the others', async () => {
    const sealed = SEALED_COLUMNS.find((c) => c.table === 'envelope_callbacks')!;
    const strays = [90, 91].map((n) => rowOf(sealed.table, n));
    await insert(sealed.table, { ...strays[0], [sealed.column]: new SecretBox([{ kid: 'lost', key: STRAY }]).encrypt('x', sealed.associatedData(keyOf(sealed, strays[0]!))) });
    await insert(sealed.table, { ...strays[1], [sealed.column]: before.encrypt('fine', sealed.associatedData(keyOf(sealed, strays[1]!))) });

    const [report] = await rekeySealedColumns(ds, during, { batchSize: BATCH, columns: [sealed] });

    expect(report).toMatchObject({ resealed: 1, unreadable: 1, remaining: 1 });
    expect(report!.unreadableSamples).toEqual([expect.stringMatching(/^id=00000000-0000-4000-8000-000000000090: .*encryption key "lost", which is not configured/)]);
  });

  if (driver === 'sqlite') {
    it('keeps a value another process wrote between its read and its write', async () => {
      const sealed = SEALED_COLUMNS.find((c) => c.table === 'deliveries')!;
      const row = rowOf(sealed.table, 95);
      const ad = sealed.associatedData(keyOf(sealed, row));
      await insert(sealed.table, { ...row, [sealed.column]: before.encrypt('old value', ad) });
      // Another process (its own connection) replaces the value while the pass holds the old one in hand.
      const other = new Database((target as { path: string }).path);
      const theirs = during.encrypt('their new value', ad);
      const racing = Object.create(during) as SecretBox;
      racing.decrypt = (stored: string, associatedData: string): string => {
        if (associatedData === ad) other.prepare(`UPDATE deliveries SET ${sealed.column} = ? WHERE id = ?`).run(theirs, row['id']);
        return during.decrypt(stored, associatedData);
      };

      const [report] = await rekeySealedColumns(ds, racing, { batchSize: BATCH, columns: [sealed] });
      other.close();

      expect(report).toMatchObject({ resealed: 0, changedMeanwhile: 1, remaining: 0 });
      const [stored] = (await ds.query(`SELECT ${sealed.column} AS v FROM deliveries WHERE id = ?`, [row['id']])) as Array<{ v: string }>;
      expect(stored!.v).toBe(theirs);
    });
  }
});
