import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { ApplicationWebhookEntity } from './application-webhooks/application-webhook.entity';
import { ApplicationWebhookRepository } from './application-webhooks/application-webhook.repository';
import { DatabaseTarget } from './data-source/data-source-options';
import { EnvelopeCallbackEntity } from './envelope-callbacks/envelope-callback.entity';
import { EnvelopeCallbackRepository } from './envelope-callbacks/envelope-callback.repository';
import { EnvelopeEntity } from './envelopes/envelope.entity';
import { EnvelopeRepository } from './envelopes/envelope.repository';
import { openDataSource } from './data-source/open-data-source';
import { SCHEMAS, SchemaName } from './data-source/schemas';
import { isUniqueViolation } from './data-source/unique-violation.util';
import { IntegrationPointEntity } from './integration-points/integration-point.entity';
import { IntegrationPointRepository } from './integration-points/integration-point.repository';
import { TenancyRepository } from './tenancy/tenancy.repository';

const TENANT = '0b7f6f1e-1111-4a2b-8c3d-000000000001';
const OTHER = '0b7f6f1e-2222-4a2b-8c3d-000000000002';

function point(tenantId: string, id: string, code: string, extra: Partial<IntegrationPointEntity> = {}): IntegrationPointEntity {
  const at = new Date('2026-01-02T03:04:05.678Z');
  return Object.assign(new IntegrationPointEntity(), {
    tenantId, id, code, type: 'public', tokenLocal: `${id.replace(/-/g, '').slice(0, 24)}${code.padEnd(8, '0').slice(0, 8)}`,
    tokenRemoteSealed: null, tokenRemote2Sealed: null, url: '', recvSvcScriptCode: '', recvSvcScriptCodeWs: '', sendSvcScriptCode: '',
    sendSvcScriptCodeWs: '', optsTitle: '', optsComment: '', optsAllowFilesApi: false, optsIsSync: false, optsRecvTimeout: 30000,
    optsRoles: null, optsUserId: null, createdAt: at, updatedAt: at, ...extra,
  });
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe.each(['sqlite', 'postgres'] as const)('persistence on %s', (driver) => {
  let target: DatabaseTarget;
  const open: DataSource[] = [];
  const connect = async (schema: SchemaName): Promise<DataSource> => {
    const ds = await openDataSource(target, schema);
    open.push(ds);
    return ds;
  };

  beforeAll(async () => {
    target = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('persistence') };
  });

  afterAll(async () => {
    await Promise.all(open.map((ds) => ds.destroy()));
  });

  it('migrates every schema, several replicas at once, exactly once each', async () => {
    const schemas = Object.keys(SCHEMAS) as SchemaName[];
    const sources = await Promise.all(schemas.flatMap((schema) => [connect(schema), connect(schema), connect(schema)]));
    expect(sources).toHaveLength(schemas.length * 3);
    for (const schema of schemas) {
      const rows: unknown[] = await sources[0]!.query(`SELECT name FROM ${SCHEMAS[schema].migrationsTableName}`);
      expect(rows).toHaveLength(SCHEMAS[schema].migrations.length);
    }
  });

  it('provisions tenants and hashed keys idempotently', async () => {
    const tenancy = new TenancyRepository(await connect('gateway'));
    const [a, b] = await Promise.all([tenancy.ensureTenant('acme'), tenancy.ensureTenant('acme')]);
    expect(a.id).toBe(b.id);
    await tenancy.ensureKey(a.id, 'a'.repeat(64), 'admin', 'test');
    await tenancy.ensureKey(a.id, 'a'.repeat(64), 'read', 'test');
    expect(await tenancy.findKeyByHash('a'.repeat(64))).toEqual({ tenantId: a.id, tenantName: 'acme', role: 'read' });
    expect(await tenancy.findKeyByHash('b'.repeat(64))).toBeNull();
    const other = await tenancy.ensureTenant('other');
    await expect(tenancy.ensureKey(other.id, 'a'.repeat(64), 'admin', 'stolen')).rejects.toThrow(/another tenant/);
  });

  it('revokes a key for good: ensuring it again (HOOKRELAY_API_KEYS at the next boot) does not bring it back', async () => {
    const tenancy = new TenancyRepository(await connect('gateway'));
    const tenant = await tenancy.ensureTenant('revoking');
    expect(await tenancy.ensureKey(tenant.id, 'c'.repeat(64), 'admin', 'HOOKRELAY_API_KEYS:revoking')).toBe('ensured');
    const [key] = await tenancy.findKeysForRevocation('c'.repeat(64), null);
    expect(await tenancy.findKeysForRevocation('d'.repeat(64), key!.id.slice(0, 8))).toEqual([expect.objectContaining({ id: key!.id })]);

    expect(await tenancy.revokeKey(key!.id, new Date('2026-05-01T00:00:00Z'))).toBe(true);
    expect(await tenancy.revokeKey(key!.id, new Date())).toBe(false);
    expect(await tenancy.findKeyByHash('c'.repeat(64))).toBeNull();
    expect(await tenancy.ensureKey(tenant.id, 'c'.repeat(64), 'read', 'HOOKRELAY_API_KEYS:revoking')).toBe('revoked');
    expect(await tenancy.findKeyByHash('c'.repeat(64))).toBeNull();
    expect(await tenancy.listKeys(tenant.id)).toEqual([expect.objectContaining({ id: key!.id, role: 'admin', revokedAt: new Date('2026-05-01T00:00:00Z') })]);
  });

  it('stores integration points with timestamps, booleans and JSON intact', async () => {
    const repo = new IntegrationPointRepository(await connect('integration-points'));
    await repo.insert(point(TENANT, id(1), 'ONE', { optsIsSync: true, optsRoles: ['a', 'b'], optsRecvTimeout: 1500 }));
    const back = await repo.findById(TENANT, id(1));
    expect(back).toMatchObject({ code: 'ONE', optsIsSync: true, optsAllowFilesApi: false, optsRoles: ['a', 'b'], optsRecvTimeout: 1500 });
    expect(back!.createdAt).toEqual(new Date('2026-01-02T03:04:05.678Z'));
    expect(await repo.findById(OTHER, id(1))).toBeNull();
  });

  it('reports duplicates as unique violations on this driver', async () => {
    const repo = new IntegrationPointRepository(await connect('integration-points'));
    const duplicateCode: unknown = await repo.insert(point(TENANT, id(2), 'ONE')).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicateCode)).toBe(true);
    const duplicateId: unknown = await repo.insert(point(TENANT, id(1), 'OTHER-CODE')).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicateId)).toBe(true);
    expect(isUniqueViolation(new Error('something else'))).toBe(false);
    // The same id and code in another tenant are fine.
    await repo.insert(point(OTHER, id(1), 'ONE', { tokenLocal: 'f'.repeat(32) }));
  });

  it('lists with filters, order, offset and limit inside one tenant', async () => {
    const repo = new IntegrationPointRepository(await connect('integration-points'));
    for (let n = 10; n < 20; n++) {
      await repo.insert(point(TENANT, id(n), `C${n}`, { type: n % 2 ? 'telegram' : 'public', createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)), optsIsSync: n % 3 === 0 }));
    }
    const telegram = await repo.list(TENANT, { where: [{ column: 'type', values: ['telegram'] }], order: [{ column: 'code', direction: 'DESC' }], offset: 0, limit: 100 });
    expect(telegram.map((p) => p.code)).toEqual(['C19', 'C17', 'C15', 'C13', 'C11']);
    const page = await repo.list(TENANT, { where: [{ column: 'code', values: ['C10', 'C11', 'C12', 'C13'] }], order: [], offset: 1, limit: 2 });
    expect(page.map((p) => p.code)).toEqual(['C11', 'C12']);
    const sync = await repo.list(TENANT, { where: [{ column: 'optsIsSync', values: [true] }, { column: 'type', values: ['public'] }], order: [], offset: 0, limit: 100 });
    expect(sync.map((p) => p.code)).toEqual(['C12', 'C18', 'ONE']); // ONE was stored earlier with issync on, and later
    const since = await repo.list(TENANT, { where: [{ column: 'createdAt', values: [new Date(Date.UTC(2026, 0, 1, 0, 0, 15))] }], order: [], offset: 0, limit: 100 });
    expect(since.map((p) => p.code)).toEqual(['C15']);
    expect(await repo.list(OTHER, { where: [{ column: 'code', values: ['C10'] }], order: [], offset: 0, limit: 10 })).toEqual([]);
  });

  it('looks up ids by id, code or token_local, within the tenant', async () => {
    const repo = new IntegrationPointRepository(await connect('integration-points'));
    const p = (await repo.findById(TENANT, id(12)))!;
    expect(await repo.lookupIds(TENANT, 'C12')).toEqual([id(12)]);
    expect(await repo.lookupIds(TENANT, id(12))).toEqual([id(12)]);
    expect(await repo.lookupIds(TENANT, p.tokenLocal)).toEqual([id(12)]);
    expect(await repo.lookupIds(OTHER, 'C12')).toEqual([]);
  });

  it('upserts application webhooks concurrently without errors', async () => {
    const repo = new ApplicationWebhookRepository(await connect('webhooks'));
    const make = (url: string): ApplicationWebhookEntity =>
      Object.assign(new ApplicationWebhookEntity(), {
        tenantId: TENANT, applicationId: 9, url, retryEnabled: true, headers: { a: 'b' },
        retryConfig: { retry_value: 10, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 }, createdAt: new Date(), updatedAt: new Date(),
      });
    await Promise.all(Array.from({ length: 20 }, (_, i) => repo.upsert(make(`http://x.example/${i}`))));
    const stored = await repo.findForApplication(TENANT, 9);
    expect(stored?.url).toMatch(/^http:\/\/x\.example\/\d+$/);
    expect(stored?.retryConfig).toEqual({ retry_value: 10, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 });
    expect(await repo.findForApplication(OTHER, 9)).toBeNull();
    expect(await repo.delete(TENANT, 9)).toBe(true);
    expect(await repo.delete(TENANT, 9)).toBe(false);
  });

  it('caps the callbacks of one mailbox exactly, even when they are added concurrently', async () => {
    const repo = new EnvelopeCallbackRepository(await connect('callbacks'));
    const mailbox = 'c0ffee00-0000-4000-8000-000000000001';
    const make = (n: number, tenantId = TENANT): EnvelopeCallbackEntity =>
      Object.assign(new EnvelopeCallbackEntity(), {
        id: id(1000 + n), tenantId, mailbox, filter: {}, url: `http://x.example/${n}`, retries: 0, timeoutMs: 1000, successCode: 200,
        login: null, passwordSealed: null, createdAt: new Date(),
      });
    const added = await Promise.all(Array.from({ length: 12 }, (_, n) => repo.insert(make(n), 5)));
    expect(added.filter(Boolean)).toHaveLength(5);
    expect(await repo.listForMailbox(TENANT, mailbox)).toHaveLength(5);
    // A refused add leaves the mailbox's version as it was (its filter caches stay valid).
    const version = await repo.mailboxVersion(TENANT, mailbox);
    expect(await repo.insert(make(20), 5)).toBe(false);
    expect(await repo.mailboxVersion(TENANT, mailbox)).toBe(version);
    // The cap is per mailbox of a tenant: another tenant's same mailbox id is not full.
    expect(await repo.insert(make(21, OTHER), 5)).toBe(true);
  });

  it('prunes the envelopes not updated since the horizon, oldest first, at most the limit', async () => {
    const repo = new EnvelopeRepository(await connect('callbacks'));
    const base = Date.UTC(2026, 0, 1);
    const envelope = (n: number, ageDays: number): EnvelopeEntity => Object.assign(new EnvelopeEntity(), {
      tenantId: TENANT, mailbox: id(5000), uuid: id(6000 + n), label: [], status: 'WAITING', subject: 's', receiveDate: new Date(base),
      expireDate: null, template: id(1), sender: id(2), scope: 'all', updatedAt: new Date(base - ageDays * 86_400_000),
    });
    await repo.upsertMany([envelope(1, 40), envelope(2, 35), envelope(3, 31), envelope(4, 29), envelope(5, 1)]);
    const horizon = base - 30 * 86_400_000;
    expect(await repo.pruneUpdatedBefore(horizon, 2)).toBe(2);
    expect(await repo.findInMailbox(TENANT, id(5000), id(6001))).toBeNull();
    expect(await repo.findInMailbox(TENANT, id(5000), id(6003))).not.toBeNull();
    expect(await repo.pruneUpdatedBefore(horizon, 2)).toBe(1);
    expect(await repo.pruneUpdatedBefore(horizon, 2)).toBe(0);
    expect(await repo.findInMailbox(TENANT, id(5000), id(6004))).not.toBeNull();
    expect(await repo.findInMailbox(TENANT, id(5000), id(6005))).not.toBeNull();
  });
});
