import { request } from 'node:http';
import { startReceiver, type HttpReceiver } from './http-receiver';

describe('startReceiver', () => {
  let receiver: HttpReceiver;

  beforeEach(async () => {
    receiver = await startReceiver();
  });

  afterEach(async () => {
    await receiver.close();
  });

  it('records a POST with its headers and raw body, answering 200 by default', async () => {
    const body = '{"event":"order.created","amount":12.5}';
    const before = Date.now();

    const response = await fetch(receiver.url('/hooks/a?x=1'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Webhook-Id': 'msg_1' },
      body,
    });

    expect(response.status).toBe(200);
    const [received] = await receiver.waitForRequests(1);
    expect(received).toMatchObject({ n: 1, method: 'POST', url: '/hooks/a?x=1', body });
    expect(received?.headers['webhook-id']).toBe('msg_1');
    expect(received?.rawHeaders).toContain('Webhook-Id');
    expect(received?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(typeof received?.receivedAtNs).toBe('bigint');
  });

  it('answers as scripted per request number', async () => {
    receiver.respondWith((_req, n) => (n === 1 ? { status: 500, body: 'boom' } : { status: 204 }));

    const first = await fetch(receiver.url('/x'), { method: 'POST', body: 'a' });
    const second = await fetch(receiver.url('/x'), { method: 'POST', body: 'b' });

    expect([first.status, await first.text()]).toEqual([500, 'boom']);
    expect(second.status).toBe(204);
    expect(receiver.requests.map((r) => r.body)).toEqual(['a', 'b']);
  });

  it('delays the answer', async () => {
    receiver.respondWith({ status: 202, delayMs: 300 });
    const started = process.hrtime.bigint();

    const response = await fetch(receiver.url());

    expect(response.status).toBe(202);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeGreaterThanOrEqual(290);
  });

  it('holds the connection open so clients time out', async () => {
    receiver.respondWith({ hang: true });

    await expect(fetch(receiver.url('/slow'), { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
    expect(receiver.requests).toHaveLength(1);
  });

  it('drops the connection without an answer', async () => {
    receiver.respondWith({ destroy: true });

    const outcome = await new Promise<string>((resolve) => {
      const req = request(receiver.url('/reset'), { method: 'POST' }, () => resolve('answered'));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end('x');
    });

    expect(outcome).toBe('ECONNRESET');
  });

  it('rejects waitForRequests with what arrived when too few requests come', async () => {
    await fetch(receiver.url('/only'));

    await expect(receiver.waitForRequests(2, 100)).rejects.toThrow(/waiting for 2 requests; got 1: GET \/only/);
  });
});
