import { Readable } from 'node:stream';
import { HttpService } from '@nestjs/axios';
import axios, { AxiosError, isCancel, type AxiosInstance } from 'axios';
import { firstValueFrom } from 'rxjs';
import { MockAgent } from 'undici';
import { BoundedExchange } from '../http/bounded-exchange';
import { undiciAxiosAdapter } from './undici-axios.adapter';

const ORIGIN = 'http://hooks.test';

/** An axios instance on the adapter over undici's MockAgent: no sockets, the requests are asserted by the intercepts. */
function setup(): { mock: MockAgent; http: AxiosInstance } {
  const mock = new MockAgent();
  mock.disableNetConnect();
  return { mock, http: axios.create({ adapter: undiciAxiosAdapter({ dispatcher: mock }) }) };
}

/** The AxiosError a request rejected with. */
async function failure(request: Promise<unknown>): Promise<AxiosError> {
  try {
    await request;
  } catch (error: unknown) {
    if (error instanceof AxiosError) return error;
    throw error;
  }
  throw new Error('the request did not fail');
}

describe('undiciAxiosAdapter', () => {
  let mock: MockAgent;
  let http: AxiosInstance;

  beforeEach(() => {
    ({ mock, http } = setup());
  });

  afterEach(() => mock.close());

  describe('requests and responses', () => {
    it('sends method, path with params, headers and body; axios parses the JSON answer', async () => {
      mock
        .get(ORIGIN)
        .intercept({ path: '/api/hooks?page=2', method: 'PUT', body: '{"a":1}', headers: { 'content-type': 'application/json', 'x-id': '7' } })
        .reply(200, '{"ok":true}', { headers: { 'content-type': 'application/json' } });

      const response = await http.put('/hooks', { a: 1 }, { baseURL: `${ORIGIN}/api`, params: { page: 2 }, headers: { 'x-id': '7' } });

      expect([response.status, response.data, response.headers['content-type']]).toEqual([200, { ok: true }, 'application/json']);
      expect(response.request).toBeInstanceOf(BoundedExchange);
      mock.assertNoPendingInterceptors();
    });

    it.each<[string, 'arraybuffer' | 'text' | undefined, string | undefined, unknown]>([
      ['arraybuffer: the bytes', 'arraybuffer', undefined, Buffer.from('héllo')],
      ['text: utf8 by default', 'text', undefined, 'héllo'],
      ['text in another encoding', 'text', 'latin1', Buffer.from('héllo').toString('latin1')],
    ])('responseType %s', async (_label, responseType, responseEncoding, data) => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'héllo');
      expect((await http.get(`${ORIGIN}/`, { responseType, responseEncoding })).data).toEqual(data);
    });

    it.each<[number, string]>([
      [404, 'ERR_BAD_REQUEST'],
      [503, 'ERR_BAD_RESPONSE'],
    ])('validateStatus decides: HTTP %i rejects with %s and the response', async (status, code) => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(status, 'nope');
      const error = await failure(http.get(`${ORIGIN}/`));
      expect([error.code, error.response?.status, error.response?.data]).toEqual([code, status, 'nope']);
    });

    it('never follows a redirect, whatever maxRedirects says', async () => {
      mock.get(ORIGIN).intercept({ path: '/a', method: 'GET' }).reply(302, 'moved', { headers: { location: `${ORIGIN}/b` } });
      mock.get(ORIGIN).intercept({ path: '/b', method: 'GET' }).reply(200, 'followed');

      const response = await http.get(`${ORIGIN}/a`, { maxRedirects: 5, validateStatus: () => true });

      expect([response.status, response.data]).toEqual([302, 'moved']);
      expect(mock.pendingInterceptors().map(({ path }) => path)).toEqual(['/b']);
    });

    it.each<[string, number | undefined, string, boolean]>([
      ['maxContentLength cuts the body instead of failing', 10, 'x'.repeat(10), false],
      ['a body within maxContentLength is complete', 100, 'x'.repeat(100), true],
      ['without maxContentLength, the 64 KiB default applies', undefined, 'x'.repeat(100), true],
    ])('%s', async (_label, maxContentLength, data, complete) => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'x'.repeat(100));
      const response = await http.get(`${ORIGIN}/`, { maxContentLength });
      expect([response.data, (response.request as BoundedExchange).bodyComplete]).toEqual([data, complete]);
    });

    it.each<[string, object, string]>([
      ['auth', { auth: { username: 'user', password: 'pä:ss' } }, `Basic ${Buffer.from('user:pä:ss').toString('base64')}`],
      ['auth wins over an Authorization header', { auth: { username: 'u', password: 'p' }, headers: { Authorization: 'Bearer x' } }, 'Basic dTpw'],
    ])('HTTP Basic credentials from %s', async (_label, config, authorization) => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET', headers: { authorization } }).reply(204, '');
      expect((await http.get(`${ORIGIN}/`, config)).status).toBe(204);
    });
  });

  describe('failures', () => {
    it.each<[string, object, string, string]>([
      ['default', {}, 'ECONNABORTED', 'timeout of 50ms exceeded'],
      ['clarifyTimeoutError', { transitional: { clarifyTimeoutError: true } }, 'ETIMEDOUT', 'timeout of 50ms exceeded'],
      ['timeoutErrorMessage', { timeoutErrorMessage: 'too slow' }, 'ECONNABORTED', 'too slow'],
    ])('the deadline is axios’s timeout error (%s)', async (_label, config, code, message) => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'late').delay(500);
      const started = Date.now();

      const error = await failure(http.get(`${ORIGIN}/`, { timeout: 50, ...config }));

      expect([error.code, error.message, (error.request as BoundedExchange).timedOut]).toEqual([code, message, true]);
      expect(Date.now() - started).toBeLessThan(400);
    });

    it('a network error keeps its code and is the cause', async () => {
      const refused = Object.assign(new Error('connect ECONNREFUSED 192.0.2.1:80'), { code: 'ECONNREFUSED' });
      mock.get(ORIGIN).intercept({ path: '/', method: 'POST' }).replyWithError(refused);

      const error = await failure(http.post(`${ORIGIN}/`, 'x'));

      expect([error.code, error.message, error.cause]).toEqual(['ECONNREFUSED', refused.message, refused]);
      expect(error.request).toMatchObject({ timedOut: false, status: undefined });
    });

    it('an AbortSignal cancels a running request', async () => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'late').delay(500);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 20);
      const started = Date.now();

      const error = await failure(http.get(`${ORIGIN}/`, { signal: controller.signal }));

      expect([isCancel(error), error.code]).toEqual([true, 'ERR_CANCELED']);
      expect(Date.now() - started).toBeLessThan(400);
    });

    it('an already aborted AbortSignal sends nothing', async () => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'ok');
      const error = await failure(http.get(`${ORIGIN}/`, { signal: AbortSignal.abort() }));
      expect(isCancel(error)).toBe(true);
      expect(mock.pendingInterceptors()).toHaveLength(1);
    });

    it.each<[string, object, string]>([
      ['responseType stream', { responseType: 'stream' }, 'ERR_NOT_SUPPORT'],
      ['a stream body', { data: Readable.from(['x']), transformRequest: [] }, 'ERR_BAD_REQUEST'],
      ['a body over maxBodyLength', { data: 'x'.repeat(11), maxBodyLength: 10 }, 'ERR_BAD_REQUEST'],
      ['an unsupported protocol', { url: 'ftp://hooks.test/' }, 'ERR_BAD_REQUEST'],
      ['a relative URL without baseURL', { url: '/relative' }, 'ERR_INVALID_URL'],
    ])('refuses %s before sending', async (_label, config, code) => {
      const error = await failure(http.request({ url: `${ORIGIN}/`, method: 'post', data: 'x', ...config }));
      expect([error.code, error.request]).toEqual([code, undefined]);
    });
  });

  describe('under @nestjs/axios HttpService', () => {
    it('the Observable API works, and its cancel on teardown after completion is harmless', async () => {
      mock.get(ORIGIN).intercept({ path: '/hook', method: 'POST', body: 'payload' }).reply(201, 'created');
      const service = new HttpService(http);

      const response = await firstValueFrom(service.post(`${ORIGIN}/hook`, 'payload'));

      expect([response.status, response.data]).toEqual([201, 'created']);
      await new Promise((resolve) => setImmediate(resolve));
    });

    it('unsubscribing cancels the running request', async () => {
      mock.get(ORIGIN).intercept({ path: '/', method: 'GET' }).reply(200, 'late').delay(300);
      const cancel = jest.spyOn(BoundedExchange.prototype, 'cancel');
      try {
        const subscription = new HttpService(http).get(`${ORIGIN}/`).subscribe({ error: () => undefined });
        await new Promise((resolve) => setTimeout(resolve, 20));
        subscription.unsubscribe();
        await new Promise((resolve) => setImmediate(resolve)); // CancelToken tells its listeners a tick later

        expect(cancel).toHaveBeenCalledTimes(1);
        expect(isCancel(cancel.mock.calls[0]?.[0])).toBe(true);
      } finally {
        cancel.mockRestore();
      }
    });
  });
});
