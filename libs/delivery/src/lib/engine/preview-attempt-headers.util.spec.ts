import { previewAttemptHeaders } from './preview-attempt-headers.util';

type Options = Parameters<typeof previewAttemptHeaders>[1];
const base: Options = { deliveryId: 'd-1', userAgent: 'Hookrelay/1', authorization: null, signed: false };

describe('previewAttemptHeaders', () => {
  it.each<[string, Record<string, string>, Partial<Options>, Record<string, string>]>([
    ['unsigned, no credentials', {}, {}, {
      'user-agent': 'Hookrelay/1', 'content-type': 'application/json', 'webhook-id': 'd-1', 'webhook-timestamp': '<per attempt>',
    }],
    ['signed: the signature is masked', {}, { signed: true }, {
      'user-agent': 'Hookrelay/1', 'content-type': 'application/json', 'webhook-id': 'd-1', 'webhook-timestamp': '<per attempt>', 'webhook-signature': 'v1,********',
    }],
    ['a long Authorization keeps its last four', {}, { authorization: 'Bearer abcdefghijklmnop1234' }, {
      'user-agent': 'Hookrelay/1', 'content-type': 'application/json', authorization: '********1234', 'webhook-id': 'd-1', 'webhook-timestamp': '<per attempt>',
    }],
    ['a short one shows nothing of itself', {}, { authorization: 'Basic YTpi' }, {
      'user-agent': 'Hookrelay/1', 'content-type': 'application/json', authorization: '********', 'webhook-id': 'd-1', 'webhook-timestamp': '<per attempt>',
    }],
    ['custom headers: credential names masked, others shown, reserved ones dropped', { 'X-Api-Key': 'k-0123456789abcdef', 'X-Team': 'blue', 'webhook-id': 'forged' }, {}, {
      'X-Api-Key': '********cdef', 'X-Team': 'blue', 'user-agent': 'Hookrelay/1', 'content-type': 'application/json', 'webhook-id': 'd-1', 'webhook-timestamp': '<per attempt>',
    }],
  ])('%s', (_name, custom, options, expected) => {
    expect(previewAttemptHeaders(custom, { ...base, ...options })).toEqual(expected);
  });
});
