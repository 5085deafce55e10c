import ipaddr from 'ipaddr.js';

/**
 * Which addresses outbound webhooks may reach:
 * - `public`: only public unicast addresses (the default on a shared server: an endpoint must not
 *   turn Tollbook into a probe of the operator's internal network or cloud metadata services);
 * - `loopback`: public ones and this machine's loopback (embedded/demo mode, tests);
 * - `any`: everything, private networks included (an operator whose receivers are internal).
 */
export type TargetPolicy = 'public' | 'loopback' | 'any';
export const TARGET_POLICIES: readonly TargetPolicy[] = ['public', 'loopback', 'any'];

/** Why an address is refused under the policy, or null when it may be called. */
export function refusalOf(address: string, policy: TargetPolicy): string | null {
  if (policy === 'any') return null;
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range === 'unicast') return null;
  if (range === 'loopback' && policy === 'loopback') return null;
  return `${address} is a ${range} address`;
}
