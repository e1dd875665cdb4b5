/** A special-purpose address block that deliveries may not reach unless the operator allow-list permits it. */
export interface RefusedRange {
  readonly cidr: string;
  /** Short English for logs and the attempt history, e.g. `loopback`. */
  readonly label: string;
}

/**
 * Loopback, unspecified, private, shared (CGNAT), link-local (cloud metadata included), multicast,
 * broadcast and reserved blocks of the IANA special-purpose registries. The first match names the
 * address, so narrower blocks come before the blocks that contain them. IPv6 forms that embed an IPv4
 * address (mapped, NAT64, 6to4, …) are judged by that IPv4 address, see embeddedIpv4.
 */
export const REFUSED_RANGES: readonly RefusedRange[] = [
  { cidr: '0.0.0.0/8', label: 'unspecified ("this network")' },
  { cidr: '10.0.0.0/8', label: 'private' },
  { cidr: '100.64.0.0/10', label: 'shared address space (carrier-grade NAT)' },
  { cidr: '127.0.0.0/8', label: 'loopback' },
  { cidr: '169.254.169.254/32', label: 'cloud metadata (link-local)' },
  { cidr: '169.254.0.0/16', label: 'link-local' },
  { cidr: '172.16.0.0/12', label: 'private' },
  { cidr: '192.0.0.0/24', label: 'reserved (IETF protocol assignments)' },
  { cidr: '192.0.2.0/24', label: 'documentation' },
  { cidr: '192.88.99.0/24', label: 'reserved (6to4 relay anycast)' },
  { cidr: '192.168.0.0/16', label: 'private' },
  { cidr: '198.18.0.0/15', label: 'benchmarking' },
  { cidr: '198.51.100.0/24', label: 'documentation' },
  { cidr: '203.0.113.0/24', label: 'documentation' },
  { cidr: '224.0.0.0/4', label: 'multicast' },
  { cidr: '255.255.255.255/32', label: 'broadcast' },
  { cidr: '240.0.0.0/4', label: 'reserved' },
  { cidr: '::/128', label: 'unspecified' },
  { cidr: '::1/128', label: 'loopback' },
  { cidr: '64:ff9b:1::/48', label: 'private (local-use NAT64)' },
  { cidr: '100::/64', label: 'reserved (discard-only)' },
  // 2001::/23 is IETF protocol assignments. Teredo (2001::/32) is left out: it is judged by the IPv4
  // address it embeds. The rest of the /23 is listed in the blocks that tile it.
  { cidr: '2001:2::/48', label: 'benchmarking' },
  { cidr: '2001:10::/28', label: 'reserved (deprecated ORCHID)' },
  { cidr: '2001:20::/28', label: 'reserved (ORCHIDv2)' },
  { cidr: '2001:1::/32', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:2::/31', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:4::/30', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:8::/29', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:20::/27', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:40::/26', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:80::/25', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:100::/24', label: 'reserved (IETF protocol assignments)' },
  { cidr: '2001:db8::/32', label: 'documentation' },
  { cidr: '3fff::/20', label: 'documentation' },
  { cidr: '5f00::/16', label: 'reserved (SRv6 SIDs)' },
  { cidr: 'fc00::/7', label: 'private (unique local)' },
  { cidr: 'fe80::/10', label: 'link-local' },
  { cidr: 'fec0::/10', label: 'reserved (deprecated site-local)' },
  { cidr: 'ff00::/8', label: 'multicast' },
];
