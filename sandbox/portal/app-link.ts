/** The placement a link to the app opens (b24restdocs api-reference/widgets/universal/app-url.md). */
export const REST_APP_URI = 'REST_APP_URI'

/**
 * The `params[<key>]=<value>` pairs of a link's query, as PHP reads them into `$_GET['params']`:
 * the link's PLACEMENT_OPTIONS, values as strings. Nested keys (`params[a][b]`) are not kept.
 */
export function linkParams(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of search) {
    const key = /^params\[([^[\]]+)\]$/.exec(name)?.[1]
    if (key !== undefined) out[key] = value
  }
  return out
}
