import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where this server may post a third party's webhooks. In production only HTTPS, and never an
 * address of a private, loopback or link-local network: an administrator's endpoint must not be
 * a way into the agency's own network (SSRF).
 */
const PRIVATE = new BlockList();
for (const [network, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(network, bits, 'ipv4');
for (const [network, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['::ffff:0:0', 96],
] as const)
  PRIVATE.addSubnet(network, bits, 'ipv6');

const isPrivate = (address: string) =>
  PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** What is wrong with an endpoint's address, in Vietnamese; null when it may be subscribed. */
export function checkWebhookUrl(raw: string, publicOnly: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Địa chỉ phải là một URL đầy đủ, ví dụ https://example.gov.vn/webhooks';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !publicOnly))
    return 'Địa chỉ phải dùng HTTPS';
  if (url.username !== '' || url.password !== '')
    return 'Địa chỉ không được chứa tên đăng nhập hoặc mật khẩu';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (publicOnly && (host === 'localhost' || (isIP(host) !== 0 && isPrivate(host))))
    return 'Địa chỉ không được thuộc mạng nội bộ';
  return null;
}

/**
 * Checked again at each delivery, on the addresses the name resolves to now (a name can be
 * pointed elsewhere after it was subscribed): why this destination is refused, or null.
 */
export async function refusedDestination(raw: string): Promise<string | null> {
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  return addresses.some(isPrivate) ? `${host} trỏ tới một địa chỉ mạng nội bộ` : null;
}
