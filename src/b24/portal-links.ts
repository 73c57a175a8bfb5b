import type { B24Frame } from '@bitrix24/b24jssdk'

/**
 * Links into the portal from a placement frame. A relative href would resolve against the
 * app's own origin inside the iframe, so links carry the portal's origin when the frame is
 * known; without a frame (a test page) they stay portal-relative.
 */

/** The deal card's path (b24restdocs: `/crm/deal/details/<id>/`). */
export const dealCardPath = (dealId: number) => `/crm/deal/details/${dealId}/`

/** `pathOrUrl` as an href into the portal: absolute URLs kept, portal paths prefixed with `origin`; anything else null. */
export function portalHref(origin: string | null, pathOrUrl: string | null | undefined): string | null {
  if (!pathOrUrl) return null
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl
  if (!pathOrUrl.startsWith('/') || pathOrUrl.startsWith('//')) return null
  return origin ? new URL(pathOrUrl, origin).toString() : pathOrUrl
}

/** The portal's origin from the frame, or null outside one. */
export function portalOrigin(frame: B24Frame | null | undefined): string | null {
  return frame ? frame.getTargetOrigin() : null
}

/**
 * Opens a portal page in the portal's slider (the SDK's parent-frame `openPath`). False when
 * there is no frame to ask: the caller lets its plain link work instead.
 */
export function openInSlider(frame: B24Frame | null | undefined, path: string): boolean {
  if (!frame) return false
  void frame.slider.openPath(frame.slider.getUrl(path)).catch(() => undefined)
  return true
}
