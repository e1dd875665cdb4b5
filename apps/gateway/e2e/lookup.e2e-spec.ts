import { bytewise, PlatformHandle, rawHttp, startPlatform, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { call } from './api-client';

const KEY = 'e2e-lookup-admin-key-0001';
const PATH = '/rest/v1/service/integration_points';
const TRAP = 'LOOKUP /x HTTP/1.1';

function lookupRequest(key: string, options: { close?: boolean } = {}): string {
  const body = JSON.stringify(key);
  return [
    `LOOKUP ${PATH} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, 'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`, ...(options.close ? ['Connection: close'] : []), '', body,
  ].join('\r\n');
}

function getRequest(path: string): string {
  return [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, '', ''].join('\r\n');
}

/** LOOKUP against the real gateway port: Node's parser alone would answer 400 to all of these. */
describe('LOOKUP on the gateway port', () => {
  let platform: PlatformHandle;
  let pointId: string;
  let tokenLocal: string;

  beforeAll(async () => {
    platform = await startPlatform({ natsUrl: testNatsUrl(), database: { sqlitePath: tempSqlitePath() }, apiKeys: `lookup:${KEY}` });
    const created = await call<{ id: string; token_local: string }>(platform.baseUrl, 'POST', PATH, {
      auth: KEY, body: { code: 'ABCDE', type: 'public', opts: { comment: `body text: ${TRAP}` } },
    });
    pointId = created.json.id;
    tokenLocal = created.json.token_local;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('answers a single LOOKUP with the seed body shape', async () => {
    const [res] = await rawHttp(platform.port, [lookupRequest(tokenLocal, { close: true })], { expected: 1 });
    expect(res!.status).toBe(200);
    expect(JSON.parse(res!.body)).toEqual([pointId]);
  });

  it('answers LOOKUP by code and by id, and 404 "Lookup failed" for the seed token', async () => {
    const [byCode, byId, miss] = await rawHttp(platform.port, [lookupRequest('ABCDE'), lookupRequest(pointId), lookupRequest('82ddc7c68623726346a78371173e2f8d')], { expected: 3 });
    expect(JSON.parse(byCode!.body)).toEqual([pointId]);
    expect(JSON.parse(byId!.body)).toEqual([pointId]);
    expect(miss!.status).toBe(404);
    expect(JSON.parse(miss!.body)).toEqual({ error_code: 1404, error_message: 'Lookup failed' });
  });

  it('keeps the connection alive across LOOKUP, GET and LOOKUP', async () => {
    const writes = [lookupRequest('ABCDE'), getRequest(`${PATH}/${pointId}`), lookupRequest(tokenLocal)];
    const responses = await rawHttp(platform.port, writes, { expected: 3, delayBetweenWritesMs: 50 });
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(JSON.parse(responses[1]!.body)).toMatchObject({ id: pointId });
    expect(JSON.parse(responses[2]!.body)).toEqual([pointId]);
  });

  it('answers pipelined requests sent in one write, in order', async () => {
    const pipelined = lookupRequest('ABCDE') + getRequest(`${PATH}/${pointId}?mask=code`) + lookupRequest('nothing-here');
    const responses = await rawHttp(platform.port, [pipelined], { expected: 3 });
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404]);
    expect(JSON.parse(responses[1]!.body)).toEqual({ code: 'ABCDE' });
  });

  it('handles a LOOKUP written one byte per write', async () => {
    const responses = await rawHttp(platform.port, bytewise(lookupRequest('ABCDE')), { expected: 1 });
    expect(responses[0]!.status).toBe(200);
    expect(JSON.parse(responses[0]!.body)).toEqual([pointId]);
  });

  it('handles a LOOKUP with a chunked body', async () => {
    const head = [`LOOKUP ${PATH} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, 'Transfer-Encoding: chunked', '', ''].join('\r\n');
    const body = JSON.stringify('ABCDE');
    const chunked = `3\r\n${body.slice(0, 3)}\r\n${(body.length - 3).toString(16)}\r\n${body.slice(3)}\r\n0\r\n\r\n`;
    const responses = await rawHttp(platform.port, [head, chunked, getRequest(`${PATH}/${pointId}?mask=id`)], { expected: 2, delayBetweenWritesMs: 20 });
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(JSON.parse(responses[0]!.body)).toEqual([pointId]);
  });

  it(`never rewrites "${TRAP}" inside a body`, async () => {
    const fetched = await call<{ opts: { comment: string } }>(platform.baseUrl, 'GET', `${PATH}/${pointId}`, { auth: KEY });
    expect(fetched.json.opts.comment).toBe(`body text: ${TRAP}`);
    // A PATCH whose Content-Length body holds the text, followed by a real LOOKUP on the same connection.
    const patchBody = JSON.stringify({ opts: { comment: `${TRAP}\r\n\r\n${TRAP}` } });
    const patch = [`PATCH ${PATH}/${pointId} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(patchBody)}`, '', patchBody].join('\r\n');
    const [patched, lookedUp] = await rawHttp(platform.port, [patch + lookupRequest('ABCDE')], { expected: 2 });
    expect(patched!.status).toBe(200);
    expect(JSON.parse(patched!.body).opts.comment).toBe(`${TRAP}\r\n\r\n${TRAP}`);
    expect(JSON.parse(lookedUp!.body)).toEqual([pointId]);
  });

  it('does not treat a plain SEARCH (or a forged marker header) as LOOKUP', async () => {
    const body = JSON.stringify('ABCDE');
    const forged = [`SEARCH ${PATH} HTTP/1.1`, 'Host: 127.0.0.1', `Authorization: ${KEY}`, 'x-hookrelay-original-method: LOOKUP', `Content-Length: ${body.length}`, '', body].join('\r\n');
    const [res] = await rawHttp(platform.port, [forged], { expected: 1 });
    expect(res!.status).toBe(400);
    expect(JSON.parse(res!.body)).toEqual({ error_code: 1400, error_message: 'use the LOOKUP method to search integration points' });
  });

  it('answers curl -X LOOKUP (a real client) with the seed body', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('curl', ['-s', '-X', 'LOOKUP', `${platform.baseUrl}${PATH}`, '-H', `Authorization: ${KEY}`, '-H', 'Content-Type: application/json; charset=utf-8', '-d', JSON.stringify(tokenLocal)]).toString();
    expect(JSON.parse(out)).toEqual([pointId]);
  });
});
