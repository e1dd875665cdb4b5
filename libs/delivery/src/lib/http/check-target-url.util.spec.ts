import { CidrListError } from './cidr-list.error';
import { checkTargetUrl } from './check-target-url.util';

describe('checkTargetUrl', () => {
  it.each<[string, string]>([
    // every IPv4 spelling WHATWG URL normalises to 127.0.0.1
    ['http://127.0.0.1/', 'loopback (127.0.0.0/8)'],
    ['http://127.0.0.1:8080/hook', 'loopback (127.0.0.0/8)'],
    ['http://2130706433/', 'loopback (127.0.0.0/8)'],
    ['http://0x7f000001/', 'loopback (127.0.0.0/8)'],
    ['http://0177.0.0.1/', 'loopback (127.0.0.0/8)'],
    ['http://0x7f.1/', 'loopback (127.0.0.0/8)'],
    ['http://127.1/', 'loopback (127.0.0.0/8)'],
    ['http://127.0.0.1./', 'loopback (127.0.0.0/8)'],
    ['https://127.255.255.254/', 'loopback (127.0.0.0/8)'],
    // IPv6 literals and IPv4 embedded in them
    ['http://[::1]/', 'loopback (::1/128)'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback (::1/128)'],
    ['http://[::ffff:127.0.0.1]/', 'loopback (127.0.0.0/8)'],
    ['http://[::ffff:7f00:1]/', 'loopback (127.0.0.0/8)'],
    ['http://[::127.0.0.1]/', 'loopback (127.0.0.0/8)'],
    ['http://[64:ff9b::7f00:1]/', 'loopback (127.0.0.0/8)'],
    ['http://[::]/', 'unspecified (::/128)'],
    ['http://[fe80::1]/', 'link-local (fe80::/10)'],
    ['http://[fd00::1]/', 'private (unique local) (fc00::/7)'],
    ['http://[::ffff:169.254.169.254]/', 'cloud metadata'],
    ['http://[3fff::1]/', 'documentation (3fff::/20)'],
    ['http://[5f00::1]/', 'reserved (SRv6 SIDs) (5f00::/16)'],
    ['http://[2001:10::1]/', 'reserved (deprecated ORCHID) (2001:10::/28)'],
    ['http://[2001:20::1]/', 'reserved (ORCHIDv2) (2001:20::/28)'],
    ['http://[2001:1::1]/', 'IETF protocol assignments'],
    // other refused blocks
    ['http://0/', 'unspecified ("this network") (0.0.0.0/8)'],
    ['http://0.0.0.0:3000/', 'unspecified ("this network") (0.0.0.0/8)'],
    ['http://10.0.0.1/', 'private (10.0.0.0/8)'],
    ['http://172.16.5.4/', 'private (172.16.0.0/12)'],
    ['http://192.168.1.1/', 'private (192.168.0.0/16)'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://169.254.169.254/latest/meta-data/', 'cloud metadata (link-local) (169.254.169.254/32)'],
    ['http://2852039166/', 'cloud metadata'],
    ['http://169.254.1.1/', 'link-local (169.254.0.0/16)'],
    ['http://224.0.0.1/', 'multicast (224.0.0.0/4)'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://240.0.0.1/', 'reserved (240.0.0.0/4)'],
    // loopback names
    ['http://localhost/', 'a loopback name'],
    ['http://LOCALHOST:8080/', 'a loopback name'],
    ['http://localhost./', 'a loopback name'],
    ['http://api.localhost/', 'a loopback name'],
    ['http://%6c%6fcalhost/', 'a loopback name'],
    // URL shape
    ['ftp://example.com/', 'scheme "ftp" is not allowed'],
    ['file:///etc/passwd', 'scheme "file" is not allowed'],
    ['gopher://example.com/', 'scheme "gopher" is not allowed'],
    ['http://user:secret@example.com/', 'credentials in the URL'],
    ['http://user@example.com/', 'credentials in the URL'],
    ['http://127.0.0.1:80@example.com/', 'credentials in the URL'],
    ['example.com/hook', 'not a valid absolute URL'],
    ['http://', 'not a valid absolute URL'],
    ['', 'not a valid absolute URL'],
  ])('%s is refused: %s', (url, reason) => {
    const check = checkTargetUrl(url, []);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it.each([
    'https://example.com/webhooks',
    'http://example.com:8080/a?b=c',
    'https://8.8.8.8/',
    'http://[2606:4700:4700::1111]/',
    'http://134744072/',
    'https://hooks.example.org./x',
    'https://127.0.0.1.nip.io/', // a name: judged again at connect time after DNS
    'https://localhost.example.com/',
    'http://172.32.0.1/',
    'http://@example.com/',
  ])('%s is accepted', (url) => {
    expect(checkTargetUrl(url, [])).toEqual({ ok: true });
  });

  it.each<[string, readonly string[], boolean]>([
    ['http://127.0.0.1:3000/', ['127.0.0.0/8'], true],
    ['http://2130706433:3000/', ['127.0.0.0/8'], true],
    ['http://[::ffff:127.0.0.1]:3000/', ['127.0.0.0/8'], true],
    ['http://localhost:3000/', ['127.0.0.0/8'], true],
    ['http://localhost:3000/', ['::1'], true],
    ['http://[::1]:3000/', ['127.0.0.0/8'], false],
    ['http://10.0.0.1/', ['127.0.0.0/8'], false],
    ['http://10.0.0.1/', ['10.0.0.0/24'], true],
    ['http://10.0.1.1/', ['10.0.0.0/24'], false],
    ['http://localhost:3000/', ['10.0.0.0/8'], false],
    ['ftp://127.0.0.1/', ['127.0.0.0/8'], false],
    ['http://u:p@127.0.0.1/', ['127.0.0.0/8'], false],
  ])('%s with allow-list %j → ok %s', (url, allowCidrs, ok) => {
    expect(checkTargetUrl(url, allowCidrs).ok).toBe(ok);
  });

  it('refuses this platform\'s own origins (HOOKRELAY_PUBLIC_URLS), even where the allow-list lets the address through', () => {
    const publicUrls = ['https://hookrelay.example.com', 'http://127.0.0.1:3110/'];
    expect(checkTargetUrl('https://hookrelay.example.com/application/2/events', [], publicUrls)).toEqual({
      ok: false, reason: 'https://hookrelay.example.com is refused: target is this platform (one of its public URLs), a delivery would feed itself',
    });
    expect(checkTargetUrl('http://2130706433:3110/x', ['127.0.0.0/8'], publicUrls).ok).toBe(false);
    expect(checkTargetUrl('http://127.0.0.1:3111/x', ['127.0.0.0/8'], publicUrls).ok).toBe(true);
  });

  it('refuses an allow-list that would switch the guard off', () => {
    expect(() => checkTargetUrl('http://example.com/', ['0.0.0.0/0'])).toThrow(CidrListError);
  });

  it('a malformed allow-list entry is a configuration bug: CidrListError', () => {
    expect(() => checkTargetUrl('http://example.com/', ['127.0.0.0/33'])).toThrow(CidrListError);
  });
});
