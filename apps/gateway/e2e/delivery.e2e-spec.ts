import { CallbackView } from '@hookrelay/contracts';
import { HttpReceiver, PlatformHandle, startPlatform, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { Webhook } from 'standardwebhooks';
import { call, pollUntil } from './api-client';

const KEY = 'e2e-delivery-admin-key-01';

describe('delivery of application events (Conpeek webhooks)', () => {
  let platform: PlatformHandle;
  let receiver: HttpReceiver;
  let base: string;
  const callback = (id: string): Promise<CallbackView> => call<{ data: CallbackView }>(base, 'GET', `/callback/${id}`, { auth: KEY }).then((r) => r.json.data);

  beforeAll(async () => {
    platform = await startPlatform({
      natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `delivery:${KEY}`,
      env: { DELIVERY_ALLOW_CIDRS: '127.0.0.0/8' },
    });
    base = platform.baseUrl;
    receiver = await startReceiver();
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
    await platform?.stop();
  });

  beforeEach(() => receiver.clear());

  it('delivers the Conpeek payload with the custom headers and a Standard Webhooks signature', async () => {
    const put = await call<{ data: { signing_secret: string } }>(base, 'PUT', '/application/9/webhook', {
      auth: KEY, body: { url: receiver.url('/poster.php'), retry_enabled: 0, headers: { appHash: 'abc' } },
    });
    expect(put.status).toBe(200);
    const secret = put.json.data.signing_secret;
    expect(secret).toMatch(/^whsec_/);
    expect((await call<{ data: { signing_secret: string } }>(base, 'GET', '/application/9/webhook/secret', { auth: KEY })).json.data.signing_secret).toBe(secret);

    const sent = await call<{ success: boolean; data: { id: string } }>(base, 'POST', '/application/9/events', {
      auth: KEY, body: { event_name: 'voice_campaign_request_closed', event_type: 'voice_campaign', data: { id: '5b7c389fe8df7b60af688989' } },
    });
    expect(sent.status).toBe(202);
    const [request] = await receiver.waitForRequests(1);
    const body = JSON.parse(request!.body);
    expect(body).toEqual({ event_name: 'voice_campaign_request_closed', event_time: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), event_type: 'voice_campaign', data: { id: '5b7c389fe8df7b60af688989' } });
    expect(request!.headers.apphash).toBe('abc');
    expect(request!.headers['webhook-id']).toBe(sent.json.data.id);
    expect(new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).toEqual(body);

    const logged = await pollUntil('the callback to close', () => callback(sent.json.data.id), (c) => c.state === 'CLOSED');
    expect(logged).toMatchObject({ source: 'application_webhook', subscription_id: '9', event: 'voice_campaign_request_closed', state: 'CLOSED', application_state: 'CLOSED', close_reason: 'DELIVERED', attempts: 1 });
    expect(logged.call_history).toEqual([{ attempt: 1, date: expect.any(String), duration_ms: expect.any(Number), status_code: 200, error: null, response: '' }]);
  });

  it('retries with the configured backoff, then closes EXHAUSTED; recall delivers again on the same record', async () => {
    await call(base, 'PUT', '/application/10/webhook', {
      auth: KEY, body: { url: receiver.url('/flaky'), retry_enabled: 1, retry_config: { retry_value: 0.2, max_retries: 2, backoff_type: 'multiplier', backoff_value: 2 } },
    });
    receiver.respondWith(() => ({ status: 500, body: 'down' }));
    const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/10/events', { auth: KEY, body: { event_name: 'x', event_type: 'y', data: {} } });
    const requests = await receiver.waitForRequests(3, 10_000);
    const gaps = [requests[1]!.receivedAt - requests[0]!.receivedAt, requests[2]!.receivedAt - requests[1]!.receivedAt];
    expect(gaps[0]).toBeGreaterThanOrEqual(180);
    expect(gaps[1]).toBeGreaterThanOrEqual(380);
    const exhausted = await pollUntil('exhaustion', () => callback(sent.json.data.id), (c) => c.state === 'CLOSED');
    expect(exhausted).toMatchObject({ close_reason: 'EXHAUSTED', attempts: 3 });
    expect(exhausted.call_history!.map((a) => a.status_code)).toEqual([500, 500, 500]);
    expect(exhausted.call_history![0]!.response).toBe('down');

    receiver.respondWith(() => ({ status: 200 }));
    expect((await call(base, 'POST', `/callback/${sent.json.data.id}/recall`, { auth: KEY })).json).toEqual({ success: true });
    const [again] = (await receiver.waitForRequests(4)).slice(3);
    expect(again!.headers['webhook-id']).toBe(sent.json.data.id);
    const recalled = await pollUntil('recall delivered', () => callback(sent.json.data.id), (c) => c.close_reason === 'DELIVERED');
    expect(recalled.attempts).toBe(4);
  });

  it('lists callbacks with Conpeek filters, and answers bad filters with 400', async () => {
    const list = await call<{ data: CallbackView[] }>(base, 'GET', `/callback?filter=${encodeURIComponent(JSON.stringify([{ property: 'state', value: 'CLOSED' }, { property: 'created_date', operator: 'gt', value: '2020-01-01 00:00:00' }]))}&sort=created_date&dir=desc`, { auth: KEY });
    expect(list.status).toBe(200);
    expect(list.json.data.length).toBeGreaterThanOrEqual(2);
    expect(list.json.data.every((c) => c.state === 'CLOSED')).toBe(true);
    const bad = await call(base, 'GET', '/callback?filter=[{"property":"colour","value":"red"}]', { auth: KEY });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ success: false, error: { code: 400, message: expect.stringMatching(/colour/) } });
  });

  it('deleting the webhook cancels pending deliveries, which stay visible', async () => {
    await call(base, 'PUT', '/application/11/webhook', {
      auth: KEY, body: { url: receiver.url('/slow'), retry_enabled: 1, retry_config: { retry_value: 30, max_retries: 3, backoff_type: 'constant', backoff_value: 0 } },
    });
    receiver.respondWith(() => ({ status: 503 }));
    const sent = await call<{ data: { id: string } }>(base, 'POST', '/application/11/events', { auth: KEY, body: { event_name: 'x', event_type: 'y', data: {} } });
    await pollUntil('the first attempt', () => callback(sent.json.data.id), (c) => c.attempts === 1);
    expect((await call(base, 'DELETE', '/application/11/webhook', { auth: KEY })).status).toBe(200);
    expect(await callback(sent.json.data.id)).toMatchObject({ state: 'CLOSED', close_reason: 'CANCELLED' });
  });
});
