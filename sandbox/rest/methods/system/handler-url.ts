import { RestError } from '../../../core/errors'

/**
 * Handler URLs of `placement.bind` and `event.bind`, checked as the portal checks them:
 * - b24restdocs `api-reference/widgets/index.md` (Common Mistakes): `placement.bind` answers
 *   ERROR_WRONG_HANDLER_URL or ERROR_UNSUPPORTED_PROTOCOL unless HANDLER is a URL with a domain name and
 *   the http or https scheme — "URLs without a domain, including localhost, do not pass the check";
 * - `api-reference/widgets/placement-bind.md`: links to localhost, local domains and the like are not acceptable;
 * - `api-reference/events/index.md`: an event handler must be reachable from the external network, not
 *   localhost or a local network address. The event pages name no code for it: the same pair is used.
 * The texts are those of the sibling pages `api-reference/bizproc/bizproc-robot/bizproc-robot-add.md`
 * ("Wrong handler URL", "Unsupported handler protocol").
 *
 * The sandbox serves the app on localhost, so the local-address part can be switched off
 * (`SANDBOX_ALLOW_LOCAL_HANDLERS`, `allowLocalHandlers`); the URL and scheme checks always apply.
 */

export const wrongHandlerUrl = () => new RestError(400, 'ERROR_WRONG_HANDLER_URL', 'Wrong handler URL')
export const unsupportedProtocol = () => new RestError(400, 'ERROR_UNSUPPORTED_PROTOCOL', 'Unsupported handler protocol')

// Names that only resolve inside a machine or a local network.
const LOCAL_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home.arpa']

function ipv4Parts(host: string): number[] | null {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null
  const numbers = parts.map(Number)
  return numbers.every((n) => n <= 255) ? numbers : null
}

function isLocalIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168)
  )
}

function isLocalIpv6(host: string): boolean {
  const h = host.toLowerCase()
  if (h === '::' || h === '::1') return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (mapped) {
    const parts = ipv4Parts(mapped[1]!)
    return parts !== null && isLocalIpv4(parts)
  }
  // The URL parser writes an IPv4-mapped address in hex: ::ffff:7f00:1.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(h)
  if (mappedHex) {
    const high = parseInt(mappedHex[1]!, 16)
    const low = parseInt(mappedHex[2]!, 16)
    return isLocalIpv4([high >> 8, high & 255, low >> 8, low & 255])
  }
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h) // unique local fc00::/7, link-local fe80::/10
}

/** True for a host the portal cannot reach: localhost, a one-label name, a local suffix, a private or loopback IP. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('[') && host.endsWith(']')) return isLocalIpv6(host.slice(1, -1))
  if (host.includes(':')) return isLocalIpv6(host)
  const ipv4 = ipv4Parts(host)
  if (ipv4) return isLocalIpv4(ipv4)
  if (!host.includes('.')) return true
  return LOCAL_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))
}

/** True when the URL parses and points to a local host. */
export function isLocalUrl(url: string): boolean {
  try {
    return isLocalHost(new URL(url).hostname)
  } catch {
    return false
  }
}

/** Throws the portal's error for a handler it would not accept (local hosts only when `allowLocal` is off). */
export function checkHandlerUrl(handler: string, allowLocal: boolean): void {
  let url: URL
  try {
    url = new URL(handler)
  } catch {
    throw wrongHandlerUrl()
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw unsupportedProtocol()
  if (!url.hostname) throw wrongHandlerUrl()
  if (!allowLocal && isLocalHost(url.hostname)) throw wrongHandlerUrl()
}
