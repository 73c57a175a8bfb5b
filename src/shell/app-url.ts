/** The app's handler URL without query or hash: what placements are bound to. */
export function appUrl(location: Pick<Location, 'origin' | 'pathname'>): string {
  return `${location.origin}${location.pathname}`
}
