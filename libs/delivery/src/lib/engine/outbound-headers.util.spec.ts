import { outboundHeaders } from './outbound-headers.util';

const SIGNATURE = { 'webhook-id': 'msg_1', 'webhook-timestamp': '1767225600', 'webhook-signature': 'v1,abc' };
const own = (authorization: string | null = null): Parameters<typeof outboundHeaders>[1] => ({ authorization, userAgent: 'hookrelay-delivery', signature: SIGNATURE });
const ours = { 'content-type': 'application/json', ...SIGNATURE };

describe('outboundHeaders (what an attempt sends)', () => {
  it.each<[string, Record<string, string>, string | null, Record<string, string>]>([
    ['no custom headers', {}, null, { 'user-agent': 'hookrelay-delivery', ...ours }],
    ['custom headers go out as given', { appHash: 'abc' }, null, { appHash: 'abc', 'user-agent': 'hookrelay-delivery', ...ours }],
    ['a custom User-Agent replaces ours', { 'User-Agent': 'Conpeek/1' }, null, { 'User-Agent': 'Conpeek/1', ...ours }],
    ['stored case variants: the last wins', { 'X-A': '1', 'x-a': '2' }, null, { 'x-a': '2', 'user-agent': 'hookrelay-delivery', ...ours }],
    ['stored User-Agent case variants: one goes out', { 'User-Agent': 'a', 'user-agent': 'b' }, null, { 'user-agent': 'b', ...ours }],
    ['a stored Content-Type is dropped', { 'Content-Type': 'text/plain' }, null, { 'user-agent': 'hookrelay-delivery', ...ours }],
    ['stored webhook-* names are dropped', { 'Webhook-Id': 'forged', 'webhook-delivery': 'x' }, null, { 'user-agent': 'hookrelay-delivery', ...ours }],
    ['stored Host and Content-Length are dropped', { Host: 'evil', 'Content-Length': '1' }, null, { 'user-agent': 'hookrelay-delivery', ...ours }],
    ['a custom Authorization where the subscription has none', { Authorization: 'Bearer mine' }, null, { Authorization: 'Bearer mine', 'user-agent': 'hookrelay-delivery', ...ours }],
    ['a custom Authorization where the subscription has its own: ours only', { Authorization: 'Bearer mine' }, 'Basic b3Vycw==', { 'user-agent': 'hookrelay-delivery', ...ours, authorization: 'Basic b3Vycw==' }],
  ])('%s', (_name, custom, authorization, expected) => {
    const headers = outboundHeaders(custom, own(authorization));
    expect(headers).toEqual(expected);
    // HTTP names are case-insensitive: no name may appear twice in any spelling.
    const lower = Object.keys(headers).map((name) => name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    expect(lower.filter((name) => name === 'user-agent')).toHaveLength(1);
  });
});
