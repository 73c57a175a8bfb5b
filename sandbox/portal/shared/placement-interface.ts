/**
 * What each placement lets an app do, as the portal's applayout decides it (reference §1.1,
 * §2.3): non-DEFAULT placements deny setTitle/setScroll/reloadWindow, slider popups deny
 * resizeWindow; denied commands are never answered.
 */
const DEFAULT_ONLY = new Set(['setTitle', 'setScroll', 'reloadWindow'])

export function isCrmDetailTab(placement: string): boolean {
  return /^CRM_[A-Z_]+_DETAIL_TAB$/.test(placement)
}

/** Why the portal ignores this command in this frame, or null when it is allowed. */
export function denialOf(placement: string, command: string, inSlider: boolean): string | null {
  if (DEFAULT_ONLY.has(command) && placement !== 'DEFAULT') return `${command} is denied in ${placement}`
  if (command === 'resizeWindow' && inSlider) return 'resizeWindow is denied in a slider'
  return null
}

/** `getInterface` reply: placement-specific commands and events (b24restdocs
 * `api-reference/widgets/ui-interaction/bx24-placement-get-interface.md`, `crm-card.md`). */
export function placementInterface(placement: string): { command: string[]; event: string[] } {
  if (isCrmDetailTab(placement)) return { command: ['reloadData'], event: [] }
  return { command: [], event: [] }
}
