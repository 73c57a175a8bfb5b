/**
 * A params object as a PHP query string (`filter[>ID]=5&select[0]=ID`), the form of a
 * `batch` command (`method?query`). The same output as `qs.stringify` with its defaults,
 * which the SDK and the sandbox use, without shipping qs and its dependencies to every page.
 */

/** `encodeURIComponent` leaves `!'()*` alone; RFC 3986 reserves them and qs encodes them. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
}

function collect(key: string, value: unknown, out: string[]): void {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return
  if (value === null) out.push(`${encode(key)}=`)
  else if (value instanceof Date) out.push(`${encode(key)}=${encode(value.toISOString())}`)
  // Arrays by index (`select[0]`), objects by key (`filter[>ID]`); empty ones send nothing.
  else if (typeof value === 'object') for (const [name, item] of Object.entries(value)) collect(`${key}[${name}]`, item, out)
  else out.push(`${encode(key)}=${encode(String(value as string | number | boolean | bigint))}`)
}

export function phpQuery(params: Readonly<Record<string, unknown>>): string {
  const out: string[] = []
  for (const [name, value] of Object.entries(params)) collect(name, value, out)
  return out.join('&')
}
