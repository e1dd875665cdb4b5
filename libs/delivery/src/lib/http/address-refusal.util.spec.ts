import { addressRefusal } from './address-refusal.util';
import { buildAllowList } from './build-allow-list.util';

describe('addressRefusal', () => {
  it.each<[string, readonly string[], string, string | null]>([
    ['public IPv4', [], '8.8.8.8', null],
    ['public IPv6', [], '2606:4700:4700::1111', null],
    ['loopback', [], '127.0.0.1', '127.0.0.1 is refused: loopback (127.0.0.0/8)'],
    ['mapped loopback', [], '::ffff:7f00:1', '::ffff:7f00:1 (it embeds 127.0.0.1) is refused: loopback (127.0.0.0/8)'],
    ['metadata', [], '169.254.169.254', '169.254.169.254 is refused: cloud metadata (link-local) (169.254.169.254/32)'],
    ['allow-listed loopback', ['127.0.0.0/8'], '127.0.0.1', null],
    ['allow-list covers the mapped form', ['127.0.0.0/8'], '::ffff:127.0.0.1', null],
    ['allow-list covers the NAT64 form', ['127.0.0.0/8'], '64:ff9b::7f00:1', null],
    ['IPv4 allow-list does not cover ::1', ['127.0.0.0/8'], '::1', '::1 is refused: loopback (::1/128)'],
    ['allow-list is exact about its range', ['127.0.0.0/8'], '10.0.0.1', '10.0.0.1 is refused: private (10.0.0.0/8)'],
    ['single host allowed', ['10.1.2.3'], '10.1.2.3', null],
    ['its neighbour is not', ['10.1.2.3'], '10.1.2.4', '10.1.2.4 is refused: private (10.0.0.0/8)'],
    ['IPv6 range allowed', ['fd00::/8'], 'fd00::5', null],
    ['zone id ignored', ['fe80::/10'], 'fe80::1%eth0', null],
    ['not an address', [], 'localhost', '"localhost" is not an IP address'],
  ])('%s', (_label, allow, address, expected) => {
    expect(addressRefusal(address, buildAllowList(allow))).toBe(expected);
  });
});
