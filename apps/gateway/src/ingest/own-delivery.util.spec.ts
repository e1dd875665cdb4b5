import { IncomingHttpHeaders } from 'node:http';
import { isOwnDelivery } from './own-delivery.util';

describe('isOwnDelivery', () => {
  it.each<[string, IncomingHttpHeaders, boolean]>([
    ['our attempt: User-Agent and webhook-id', { 'user-agent': 'hookrelay-delivery', 'webhook-id': 'x' }, true],
    ['our attempt, signed', { 'user-agent': 'hookrelay-delivery', 'webhook-signature': 'v1,abc' }, true],
    ['any case, with a version', { 'user-agent': 'HookRelay-Delivery/2.0', 'webhook-id': 'x' }, true],
    ['among other products', { 'user-agent': 'proxy/1, hookrelay-delivery', 'webhook-id': 'x' }, true],
    ['our User-Agent alone (a curl test): accepted', { 'user-agent': 'hookrelay-delivery' }, false],
    ['a webhook from another platform', { 'user-agent': 'Svix-Webhooks/1.0', 'webhook-id': 'msg_1', 'webhook-signature': 'v1,x' }, false],
    ['a name that only starts like ours', { 'user-agent': 'hookrelay-delivery-proxy', 'webhook-id': 'x' }, false],
    ['no User-Agent', { 'webhook-id': 'x' }, false],
  ])('%s → %s', (_name, headers, expected) => {
    expect(isOwnDelivery(headers)).toBe(expected);
  });
});
