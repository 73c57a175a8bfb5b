/**
 * The kit's CSS picks its design tokens by `<html data-platform data-version>` (web /
 * Bitrix24 desktop / mobile app). The kit's own vue-plugin sets them through unhead,
 * with a head manager, a version meta tag and an empty colours style around it, ~6 KB
 * gzipped on every page; the app sets the two attributes itself instead.
 */
export interface KitPlatform {
  name: 'web' | 'bitrix-desktop' | 'bitrix-mobile'
  version: string
}

/** The platform from the user agent, as the kit reads it: Bitrix24's apps name themselves there. */
export function kitPlatform(userAgent: string): KitPlatform {
  const mobile = /BitrixMobile\/Version=(\d+)/.exec(userAgent)
  if (mobile) return { name: 'bitrix-mobile', version: mobile[1]! }
  const desktop = /BitrixDesktop\/([\d.]+)/.exec(userAgent)
  if (desktop) return { name: 'bitrix-desktop', version: desktop[1]! }
  return { name: 'web', version: 'air' }
}

export function markKitPlatform(root: HTMLElement, userAgent: string): void {
  const platform = kitPlatform(userAgent)
  root.dataset.platform = platform.name
  root.dataset.version = platform.version
}
