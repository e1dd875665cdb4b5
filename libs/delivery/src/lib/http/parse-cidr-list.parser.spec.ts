import { CidrListError } from './cidr-list.error';
import { parseCidrList } from './parse-cidr-list.parser';

function catchCidrListError(fn: () => unknown): CidrListError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof CidrListError) return error;
    throw error;
  }
  throw new Error('expected a CidrListError, but nothing was thrown');
}

describe('parseCidrList', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['127.0.0.0/8', ['127.0.0.0/8']],
    [' 127.0.0.0/8 , ::1 ', ['127.0.0.0/8', '::1/128']],
    ['10.0.0.0/8,172.16.0.0/12,192.168.0.0/16', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']],
    ['10.1.2.3', ['10.1.2.3/32']],
    ['fd00::/8,fe80::/10', ['fd00::/8', 'fe80::/10']],
    ['169.254.169.254/32', ['169.254.169.254/32']],
  ])('%j', (text, expected) => {
    expect(parseCidrList(text)).toEqual(expected);
  });

  it.each<[string, string, string]>([
    ['127.0.0.0/8,', '', 'item 2 is empty'],
    ['127.0.0.0/8,,10.0.0.0/8', '', 'item 2 is empty'],
    ['localhost', 'localhost', '"localhost" is not an IP address'],
    ['127.0.0.0/8,10.0.0/8', '10.0.0/8', '"10.0.0" is not an IP address'],
    ['127.1/8', '127.1/8', '"127.1" is not an IP address'],
    ['0x7f000001/32', '0x7f000001/32', 'is not an IP address'],
    ['10.0.0.0/33', '10.0.0.0/33', 'from 0 to 32 for ipv4'],
    ['fd00::/129', 'fd00::/129', 'from 0 to 128 for ipv6'],
    ['10.0.0.0/-1', '10.0.0.0/-1', 'from 0 to 32'],
    ['10.0.0.0/08', '10.0.0.0/08', 'from 0 to 32'],
    ['10.0.0.0/8.0', '10.0.0.0/8.0', 'from 0 to 32'],
    ['10.0.0.0/', '10.0.0.0/', 'from 0 to 32'],
    ['10.0.0.0/8/8', '10.0.0.0/8/8', 'more than one "/"'],
    ['10.0.0.0 /8', '10.0.0.0 /8', 'is not an IP address'],
    ['10.0.0.1/8', '10.0.0.1/8', 'did you mean 10.0.0.0/8?'],
    ['192.168.1.0/16', '192.168.1.0/16', 'did you mean 192.168.0.0/16?'],
    ['fd00::1/8', 'fd00::1/8', 'did you mean fd00::/8?'],
    ['fe80::1%eth0/64', 'fe80::1%eth0/64', 'is not an IP address'],
    ['[::1]', '[::1]', 'is not an IP address'],
    ['127.0.0.0/8, 0.0.0.0/0', '0.0.0.0/0', 'would switch the SSRF guard off'],
    ['::/0', '::/0', 'would switch the SSRF guard off'],
    ['::ffff:0:0/96', '::ffff:0:0/96', 'embeds every IPv4 address'],
  ])('%j → error on %j: %s', (text, entry, message) => {
    const error = catchCidrListError(() => parseCidrList(text));
    expect(error.entry).toBe(entry);
    expect(error.message).toContain(message);
  });
});
