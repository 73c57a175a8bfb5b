import { launchFrame, type FrameRequest } from './frame-host'
import { logMessage } from './message-log'

/** Launches the app frame in a slot once (slots in hidden tabs wait until their tab opens). */
export function launchSlot(slot: HTMLElement): void {
  if (slot.dataset.launched) return
  slot.dataset.launched = 'Y'
  const request = JSON.parse(slot.dataset.frameRequest ?? '{}') as FrameRequest
  launchFrame(slot, request).catch((error: unknown) => {
    slot.textContent = String(error)
    logMessage({ dir: 'out', sid: '', command: '(open frame)', data: request, status: 'dropped', note: String(error) })
  })
}

export function initTabs(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-tab]')]
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const name = button.dataset.tab
      for (const other of buttons) other.classList.toggle('active', other === button)
      for (const panel of document.querySelectorAll<HTMLElement>('[data-tab-panel]')) {
        panel.hidden = panel.dataset.tabPanel !== name
        if (!panel.hidden) panel.querySelectorAll<HTMLElement>('[data-frame-request]').forEach(launchSlot)
      }
    })
  }
}

/** Frames in visible places start at once; tab frames start when their tab is opened. */
export function launchVisibleFrames(): void {
  for (const slot of document.querySelectorAll<HTMLElement>('[data-frame-request]')) {
    if (!slot.closest('[hidden]')) launchSlot(slot)
  }
}

export function initSwitches(): void {
  for (const select of document.querySelectorAll<HTMLSelectElement>('select[data-switch]')) {
    select.addEventListener('change', () => {
      const back = encodeURIComponent(window.location.pathname + window.location.search)
      const route = select.dataset.switch === 'lang' ? `/portal-api/switch-lang?lang=${select.value}` : `/portal-api/switch-user?id=${select.value}`
      window.location.assign(`${route}&back=${back}`)
    })
  }
}
