import { prepareEnvelope } from '@hookrelay/filtering';
import { EnvelopeCallbackEntity, EnvelopeCallbackRepository } from '@hookrelay/persistence';
import { SecretBox } from '@hookrelay/secrets';
import { randomBytes } from 'node:crypto';
import { MailboxFilterCache } from './mailbox-filter-cache.service';

/** The two reads the cache makes, over an in-memory table; `onLoad` runs inside a load (a concurrent write). */
class InMemoryCallbacks {
  readonly rows = new Map<string, EnvelopeCallbackEntity[]>();
  readonly versions = new Map<string, number>();
  loads = 0;
  onLoad: (() => void) | null = null;

  add(tenantId: string, mailbox: string, id: string, filter: EnvelopeCallbackEntity['filter'] = {}): void {
    const key = `${tenantId}/${mailbox}`;
    const entity = Object.assign(new EnvelopeCallbackEntity(), {
      id, tenantId, mailbox, filter, url: `https://example.com/${id}`, retries: 0, timeoutMs: 1000, successCode: 200, login: null, passwordSealed: null, createdAt: new Date(),
    });
    this.rows.set(key, [...(this.rows.get(key) ?? []), entity]);
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  async mailboxVersion(tenantId: string, mailbox: string): Promise<number> {
    return this.versions.get(`${tenantId}/${mailbox}`) ?? 0;
  }

  async listForMailbox(tenantId: string, mailbox: string): Promise<EnvelopeCallbackEntity[]> {
    this.loads++;
    const rows = [...(this.rows.get(`${tenantId}/${mailbox}`) ?? [])];
    const during = this.onLoad;
    this.onLoad = null;
    during?.();
    return rows;
  }
}

const ENVELOPE = prepareEnvelope({
  label: [], status: 'COMPLETED', subject: 's', receiveDate: 0, expireDate: null,
  template: '3fa85f64-5717-4562-b3fc-2c963f66afa6', sender: '3fa85f64-5717-4562-b3fc-2c963f66afa6', scope: 'inbox',
});

describe('MailboxFilterCache', () => {
  let table: InMemoryCallbacks;
  const cacheOf = (max = 10): MailboxFilterCache =>
    new MailboxFilterCache(table as unknown as EnvelopeCallbackRepository, new SecretBox(randomBytes(32).toString('base64')), max);
  const ids = async (cache: MailboxFilterCache, tenant: string, mailbox: string): Promise<string[]> =>
    (await cache.forMailbox(tenant, mailbox)).match(ENVELOPE).map((t) => t.id);

  beforeEach(() => {
    table = new InMemoryCallbacks();
  });

  it('loads a mailbox once while its version stays the same', async () => {
    table.add('t1', 'm1', 'a');
    const cache = cacheOf();
    expect(await ids(cache, 't1', 'm1')).toEqual(['a']);
    expect(await ids(cache, 't1', 'm1')).toEqual(['a']);
    expect(table.loads).toBe(1);
  });

  it('reloads when the version moved (a callback added or removed on any replica)', async () => {
    table.add('t1', 'm1', 'a');
    const cache = cacheOf();
    await ids(cache, 't1', 'm1');
    table.add('t1', 'm1', 'b', { status: ['COMPLETED'] });
    expect(await ids(cache, 't1', 'm1')).toEqual(['a', 'b']);
    expect(table.loads).toBe(2);
  });

  it('never files an index under a version newer than what it loaded', async () => {
    table.add('t1', 'm1', 'a');
    const cache = cacheOf();
    // A callback is committed after the version read but before the load finishes.
    table.onLoad = () => table.add('t1', 'm1', 'late');
    expect(await ids(cache, 't1', 'm1')).toEqual(['a']);
    expect(await ids(cache, 't1', 'm1')).toEqual(['a', 'late']);
  });

  it('keeps tenants and mailboxes apart', async () => {
    table.add('t1', 'm1', 'a');
    table.add('t2', 'm1', 'b');
    table.add('t1', 'm2', 'c');
    const cache = cacheOf();
    expect(await ids(cache, 't1', 'm1')).toEqual(['a']);
    expect(await ids(cache, 't2', 'm1')).toEqual(['b']);
    expect(await ids(cache, 't1', 'm2')).toEqual(['c']);
    expect(await ids(cache, 't2', 'm2')).toEqual([]);
  });

  it('drops the least recently used mailbox beyond its size', async () => {
    for (const m of ['m1', 'm2', 'm3']) table.add('t1', m, m);
    const cache = cacheOf(2);
    await ids(cache, 't1', 'm1');
    await ids(cache, 't1', 'm2');
    await ids(cache, 't1', 'm1'); // m1 used again: m2 is now the oldest
    await ids(cache, 't1', 'm3'); // evicts m2
    expect(table.loads).toBe(3);
    await ids(cache, 't1', 'm1');
    expect(table.loads).toBe(3);
    await ids(cache, 't1', 'm2');
    expect(table.loads).toBe(4);
  });

  it('carries Basic auth and the docstudio policy to the deliveries', async () => {
    const box = new SecretBox(randomBytes(32).toString('base64'));
    const entity = Object.assign(new EnvelopeCallbackEntity(), {
      id: 'x', tenantId: 't1', mailbox: 'm1', filter: {}, url: 'https://example.com/x', retries: 3, timeoutMs: 300, successCode: 201,
      login: 'user', passwordSealed: box.encrypt('pa:ss', 'envelope_callbacks:x:password'), createdAt: new Date(),
    });
    table.rows.set('t1/m1', [entity]);
    const cache = new MailboxFilterCache(table as unknown as EnvelopeCallbackRepository, box, 10);
    expect((await cache.forMailbox('t1', 'm1')).match(ENVELOPE)).toEqual([{
      id: 'x', url: 'https://example.com/x', policy: { kind: 'docstudio', retries: 3, timeoutMs: 300, successCode: 201 },
      authorization: `Basic ${Buffer.from('user:pa:ss').toString('base64')}`,
    }]);
  });
});
