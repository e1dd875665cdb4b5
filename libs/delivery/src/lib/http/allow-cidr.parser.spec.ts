import { parseAllowCidr } from './allow-cidr.parser';
import { CidrListError } from './cidr-list.error';

describe('parseAllowCidr (one DELIVERY_ALLOW_CIDRS entry)', () => {
  it.each<[string, string]>([
    ['127.0.0.0/8', '127.0.0.0/8'],
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['0.0.0.0/8', '0.0.0.0/8'],
    ['192.168.0.0/16', '192.168.0.0/16'],
    ['169.254.169.254', '169.254.169.254/32'],
    ['fc00::/7', 'fc00::/7'],
    ['fd00::/8', 'fd00::/8'],
    ['fe80::/10', 'fe80::/10'],
    ['::1', '::1/128'],
    ['::ffff:127.0.0.0/104', '::ffff:127.0.0.0/104'],
    ['64:ff9b::a00:0/104', '64:ff9b::a00:0/104'],
    ['::/104', '::/104'],
  ])('%s is allowed', (entry, expected) => {
    const { address, prefix } = parseAllowCidr(entry);
    expect(`${address}/${prefix}`).toBe(expected);
  });

  it.each<[string, RegExp]>([
    ['0.0.0.0/0', /wider than \/8, the widest ipv4 entry allowed/],
    ['0.0.0.0/1', /wider than \/8/],
    ['128.0.0.0/1', /wider than \/8/],
    ['0.0.0.0/7', /wider than \/8/],
    ['::/0', /wider than \/7, the widest ipv6 entry allowed/],
    ['8000::/1', /wider than \/7/],
    ['::/6', /wider than \/7/],
    ['::/8', /contains ::ffff:0:0\/96, which embeds every IPv4 address/],
    ['::/64', /contains ::ffff:0:0\/96/],
    ['::ffff:0:0/96', /contains ::ffff:0:0\/96/],
    ['::ffff:0:0:0/96', /contains ::ffff:0:0:0\/96/],
    ['64:ff9b::/96', /contains 64:ff9b::\/96/],
    ['64:ff9b::/32', /contains 64:ff9b::\/96/],
    ['::/96', /contains ::\/96/],
    ['::ffff:0.0.0.0/97', /covers a \/1 of IPv4 through ::ffff:0:0\/96, wider than \/8/],
    ['::ffff:0.0.0.0/103', /covers a \/7 of IPv4/],
  ])('%s is refused', (entry, message) => {
    let caught: unknown;
    try {
      parseAllowCidr(entry);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CidrListError);
    expect((caught as CidrListError).entry).toBe(entry);
    expect((caught as CidrListError).message).toMatch(message);
    expect((caught as CidrListError).message).toMatch(/would switch the SSRF guard off/);
  });
});
