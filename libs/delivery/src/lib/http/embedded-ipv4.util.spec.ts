import { embeddedIpv4 } from './embedded-ipv4.util';

describe('embeddedIpv4', () => {
  it.each<[string, string, string | null]>([
    ['IPv4-mapped, dotted', '::ffff:127.0.0.1', '127.0.0.1'],
    ['IPv4-mapped, hex', '::ffff:7f00:1', '127.0.0.1'],
    ['IPv4-mapped, full form', '0:0:0:0:0:ffff:a9fe:a9fe', '169.254.169.254'],
    ['IPv4-translated (SIIT)', '::ffff:0:a00:1', '10.0.0.1'],
    ['IPv4-compatible', '::7f00:1', '127.0.0.1'],
    ['IPv4-compatible, dotted', '::10.1.2.3', '10.1.2.3'],
    ['NAT64 well-known prefix', '64:ff9b::7f00:1', '127.0.0.1'],
    ['NAT64, dotted', '64:ff9b::192.168.1.1', '192.168.1.1'],
    ['6to4', '2002:7f00:1::', '127.0.0.1'],
    ['6to4 with subnet and host bits', '2002:c0a8:101:5::1', '192.168.1.1'],
    ['Teredo client address is stored inverted', '2001:0:4136:e378:8000:63bf:80ff:fffe', '127.0.0.1'],
    ['plain global IPv6', '2606:4700:4700::1111', null],
    ['unique local', 'fd00::1', null],
    ['IPv4 text is not IPv6', '127.0.0.1', null],
    ['not an address', 'example.com', null],
  ])('%s: %s', (_label, address, expected) => {
    expect(embeddedIpv4(address)).toBe(expected);
  });
});
