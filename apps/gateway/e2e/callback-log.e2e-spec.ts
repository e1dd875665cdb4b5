import { CallbackView } from '@hookrelay/contracts';
import { CONPEEK_CALLBACK_QUERY_SCHEMA } from '@hookrelay/filtering';
import { createTestDatabase, HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-callback-log-admin-01';
const MAILBOX = '9d2c1c52-6f0e-4b1e-9d55-3f7a0c2b8e11';
/** Sort fields the view shows only to the second: the log orders by the stored milliseconds, so ties seen here are not ties there. */
const SHOWN_IN_SECONDS = new Set(['closed_date', 'next_attempt_date']);

type SortField = keyof CallbackView;

/**
 * The documented order of GET /callback: by the field in `dir`, empty values (null) last in both directions,
 * then by creation in `dir`. Ids are UUIDv7 stamped with the creation millisecond, so creation order is id order.
 */
function compareBy(field: SortField, dir: 'asc' | 'desc'): (a: CallbackView, b: CallbackView) => number {
  const sign = dir === 'asc' ? 1 : -1;
  const order = (x: unknown, y: unknown): number => (x === y ? 0 : (x as string | number) < (y as string | number) ? -1 : 1);
  return (a, b) => {
    const [x, y] = [a[field], b[field]];
    if (x !== y && (x === null || y === null)) return x === null ? 1 : -1;
    return sign * order(x, y) || sign * order(a.id, b.id);
  };
}

describe.each(['sqlite', 'postgres'] as const)('GET /callback order and paging on %s', (driver) => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  /** Every callback of the tenant, in no particular order. */
  let all: CallbackView[];

  const list = async (query: string): Promise<CallbackView[]> => {
    const res = await call<{ data: CallbackView[] }>(base, 'GET', `/callback?${query}`, { auth: KEY });
    if (res.status !== 200) throw new Error(`GET /callback?${query}: ${res.status} ${res.text}`);
    return res.json.data;
  };
  const webhook = (app: number, path: string, retry: { retry_value: number; max_retries: number } | null): Promise<unknown> =>
    call(base, 'PUT', `/application/${app}/webhook`, {
      auth: KEY, body: { url: receiver.url(path), retry_enabled: retry ? 1 : 0, ...(retry ? { retry_config: { ...retry, backoff_type: 'constant', backoff_value: 0 } } : {}) },
    });
  const send = async (app: number, eventName: string): Promise<void> => {
    const res = await call(base, 'POST', `/application/${app}/events`, { auth: KEY, body: { event_name: eventName, event_type: 'e2e', data: {} } });
    if (res.status !== 202) throw new Error(`event ${eventName}: ${res.status} ${res.text}`);
  };

  beforeAll(async () => {
    const database = driver === 'sqlite' ? { sqlitePath: tempSqlitePath() } : { postgresUrl: await createTestDatabase('e2e_callback_log') };
    platform = await startPlatform({ natsUrl: testNatsUrl(), database, apiKeys: `alpha:${KEY}`, env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' } });
    base = platform.baseUrl;
    receiver = await startReceiver();
    receiver.respondWith((request) => ({ status: request.url.startsWith('/ok') ? 200 : 500 }));

    // A log with every state the fields can take: delivered, exhausted after 1 and 2 attempts, waiting for a
    // retry (next_attempt_date set), cancelled; two sources; repeated values, so the tiebreak is exercised.
    await webhook(21, '/ok', null);
    await webhook(22, '/fail', null);
    await webhook(23, '/fail', { retry_value: 3600, max_retries: 2 });
    await webhook(24, '/fail', { retry_value: 0.1, max_retries: 1 });
    await webhook(25, '/fail', { retry_value: 3600, max_retries: 2 });
    for (const [app, eventName] of [[21, 'delta'], [22, 'bravo'], [23, 'echo'], [21, 'alpha'], [24, 'foxtrot'], [22, 'alpha'], [25, 'golf'], [23, 'bravo'], [21, 'charlie']] as const) {
      await send(app, eventName);
    }
    const added = await call<{ id: string }>(base, 'POST', '/api/v1/envelope/callback/add', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX }, body: { filter: {}, url: receiver.url('/ok/envelope'), retries: 0, timeout: 5000 },
    });
    expect(added.status).toBe(201);
    const published = await call(base, 'POST', '/api/v1/envelope/events', {
      auth: `Bearer ${KEY}`, headers: { mailbox: MAILBOX },
      body: { uuid: '4f7c2a9e-0b1d-4c3e-8f5a-6b7c8d9e0f1a', label: [], status: 'COMPLETED', subject: 's', receiveDate: Date.now(), expireDate: null, template: MAILBOX, sender: MAILBOX, scope: 'inbox' },
    });
    expect(published.status).toBe(202);

    // Application 24 retries once after 0.1 s: only closed is settled there; 23 and 25 wait an hour after their first attempt.
    const settled = (c: CallbackView): boolean => c.state === 'CLOSED' || (c.application_state === 'RETRY' && c.subscription_id !== '24');
    await pollUntil('every callback to settle', () => list(''), (cs) => cs.length === 10 && cs.filter((c) => c.subscription_id === '25').every(settled));
    expect((await call(base, 'DELETE', '/application/25/webhook', { auth: KEY })).status).toBe(200);
    all = await pollUntil('every callback to settle', () => list(''), (cs) => cs.length === 10 && cs.every(settled));
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  it('holds the values the sort cases need (else they would prove little)', () => {
    expect(new Set(all.map((c) => c.close_reason))).toEqual(new Set(['DELIVERED', 'EXHAUSTED', 'CANCELLED', null]));
    expect(new Set(all.map((c) => c.attempts))).toEqual(new Set([1, 2]));
    expect(new Set(all.map((c) => c.source))).toEqual(new Set(['application_webhook', 'envelope_callback']));
    expect(all.filter((c) => c.next_attempt_date !== null)).toHaveLength(2);
    expect(all.filter((c) => c.closed_date === null)).toHaveLength(2);
  });

  it('lists newest first without sort', async () => {
    expect((await list('')).map((c) => c.id)).toEqual(all.map((c) => c.id).sort().reverse());
  });

  describe.each(CONPEEK_CALLBACK_QUERY_SCHEMA.sortable.flatMap((field) => [[field, 'asc'], [field, 'desc']] as const))('sort=%s&dir=%s', (field, dir) => {
    const key = field as SortField;

    it('orders by the field (nulls last), then by creation in the same direction', async () => {
      const sorted = await list(`sort=${field}&dir=${dir}`);
      const expected = [...all].sort(compareBy(key, dir));
      expect(sorted.map((c) => c[key])).toEqual(expected.map((c) => c[key]));
      if (SHOWN_IN_SECONDS.has(field)) expect(new Set(sorted.map((c) => c.id))).toEqual(new Set(all.map((c) => c.id)));
      else expect(sorted.map((c) => c.id)).toEqual(expected.map((c) => c.id));
    });

    it('pages with limit and offset neither overlap nor skip', async () => {
      const full = (await list(`sort=${field}&dir=${dir}`)).map((c) => c.id);
      const pages: string[][] = [];
      for (let offset = 0; offset <= full.length; offset += 3) pages.push((await list(`sort=${field}&dir=${dir}&limit=3&offset=${offset}`)).map((c) => c.id));
      expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
      expect(pages.flat()).toEqual(full);
    });
  });
});
