import { BlockList, isIP } from 'node:net';

/**
 * Which IP addresses a watched URL may reach. A job created from a chat must not make the
 * server probe its own machine, its network or a cloud metadata service, so everything that
 * is not a public unicast address is refused unless the operator allows it.
 */

type Family = 'ipv4' | 'ipv6';

/** Ranges that are not on the public internet, each with the words a refusal uses. */
const RANGES: ReadonlyArray<readonly [string, number, Family, string]> = [
  ['0.0.0.0', 8, 'ipv4', 'an unspecified address'],
  ['10.0.0.0', 8, 'ipv4', 'a private network address'],
  ['100.64.0.0', 10, 'ipv4', 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'ipv4', 'a loopback address'],
  ['169.254.0.0', 16, 'ipv4', 'a link-local address'],
  ['172.16.0.0', 12, 'ipv4', 'a private network address'],
  ['192.0.0.0', 24, 'ipv4', 'a reserved address'],
  ['192.0.2.0', 24, 'ipv4', 'a documentation address'],
  ['192.88.99.0', 24, 'ipv4', 'a reserved address'],
  ['192.168.0.0', 16, 'ipv4', 'a private network address'],
  ['198.18.0.0', 15, 'ipv4', 'a benchmarking address'],
  ['198.51.100.0', 24, 'ipv4', 'a documentation address'],
  ['203.0.113.0', 24, 'ipv4', 'a documentation address'],
  ['224.0.0.0', 4, 'ipv4', 'a multicast address'],
  ['240.0.0.0', 4, 'ipv4', 'a reserved address'],
  ['::', 128, 'ipv6', 'an unspecified address'],
  ['::1', 128, 'ipv6', 'a loopback address'],
  // IPv4-compatible (deprecated) addresses; the IPv4-mapped ::ffff:0:0/96 are judged by
  // the IPv4 address inside (below), as are NAT64 and 6to4.
  ['::', 96, 'ipv6', 'a reserved address'],
  ['64:ff9b:1::', 48, 'ipv6', 'a private network address'],
  ['100::', 64, 'ipv6', 'a reserved address'],
  ['2001::', 23, 'ipv6', 'a reserved address'],
  ['2001:db8::', 32, 'ipv6', 'a documentation address'],
  ['fc00::', 7, 'ipv6', 'a unique-local address'],
  ['fe80::', 10, 'ipv6', 'a link-local address'],
  ['fec0::', 10, 'ipv6', 'a site-local address'],
  ['ff00::', 8, 'ipv6', 'a multicast address'],
];

const LISTS: ReadonlyArray<{ list: BlockList; label: string }> = RANGES.map(([net, prefix, family, label]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, family);
  return { list, label };
});

/** The 16 bytes of an IPv6 address (zone id dropped), or undefined when it is not one. */
function ipv6Bytes(address: string): number[] | undefined {
  let text = address.split('%')[0] ?? '';
  if (isIP(text) !== 6) return undefined;
  // A trailing dotted quad (::ffff:127.0.0.1) is the last two 16-bit words.
  text = text.replace(
    /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
    (_, a, b, c, d) => `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const [left = '', right] = text.split('::');
  const words = (s: string): number[] => (s ? s.split(':').map((w) => parseInt(w, 16)) : []);
  const l = words(left);
  const r = words(right ?? '');
  const all = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** The IPv4 address carried inside an IPv4-mapped, NAT64 (64:ff9b::/96) or 6to4 address. */
function embeddedIpv4(address: string): string | undefined {
  const b = ipv6Bytes(address);
  if (b?.length !== 16) return undefined;
  const dotted = (bytes: number[]): string => bytes.join('.');
  const zero = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return dotted(b.slice(12, 16));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return dotted(b.slice(12, 16));
  if (b[0] === 0x20 && b[1] === 0x02) return dotted(b.slice(2, 6));
  return undefined;
}

/**
 * Why `address` (an IP literal) is not a public address, e.g. "a loopback address"; undefined
 * for a public one. Something that is not an IP address at all is refused too.
 */
export function nonPublicReason(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  const family = isIP(ip);
  if (family === 0) return 'not an IP address';
  const inner = family === 6 ? embeddedIpv4(ip) : undefined;
  if (inner !== undefined) return nonPublicReason(inner);
  const type: Family = family === 4 ? 'ipv4' : 'ipv6';
  return LISTS.find(({ list }) => list.check(ip, type))?.label;
}

/** Host names that always mean this machine, whatever a resolver says. */
export function isLocalHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}
