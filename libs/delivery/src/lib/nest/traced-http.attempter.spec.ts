import { withTraceparent } from './traced-http.attempter';

const TP = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const request = (headers: Record<string, string>) => ({ url: 'https://h.example/', headers, body: '{}', timeoutMs: 1000 });

describe('withTraceparent (DELIVERY_SEND_TRACEPARENT)', () => {
  it.each<[string, Record<string, string>, string | undefined, Record<string, string>]>([
    ['adds ours', { 'content-type': 'application/json' }, TP, { 'content-type': 'application/json', traceparent: TP }],
    ['replaces a custom one (reserved)', { traceparent: 'forged', 'x-a': '1' }, TP, { 'x-a': '1', traceparent: TP }],
    ['drops a custom one in any case', { TraceParent: 'forged', TRACEPARENT: 'forged too' }, TP, { traceparent: TP }],
    ['without a span: only drops custom ones', { Traceparent: 'forged', 'x-a': '1' }, undefined, { 'x-a': '1' }],
  ])('%s', (_case, headers, traceparent, expected) => {
    const out = withTraceparent(request(headers), traceparent);
    expect(out.headers).toEqual(expected);
    expect(out.body).toBe('{}');
  });
});
