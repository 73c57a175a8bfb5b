import type { FrameMessage } from '../shared/message-parser'
import { placementInterface } from '../shared/placement-interface'
import { getJson, postJson } from './api'
import { chooseFromList, type ChoiceItem } from './dialogs'
import { forgetFrame, launchFrame, type FrameHost } from './frame-host'
import { openSlider } from './slider'

/** What the portal does with a command: answer it (possibly later), or stay silent as the portal does. */
export type Outcome = { reply: true; result: unknown } | { reply: false; note: string }

export interface CommandContext {
  host: FrameHost
  message: FrameMessage
  params: Record<string, unknown>
}

type CommandHandler = (ctx: CommandContext) => Promise<Outcome>

const reply = (result: unknown): Outcome => ({ reply: true, result })
const silent = (note: string): Outcome => ({ reply: false, note })
const en = () => document.body.dataset.lang === 'en'

export const commands: Record<string, CommandHandler> = {
  getInitData: async ({ host }) => reply(await postJson('/portal-api/init-data', { sid: host.sid })),

  // The portal echoes setInstall's params; the SDK waits for this reply before init resolves.
  setInstall: async ({ params }) => reply(params),

  // Saved, then the portal reloads itself with install_finished=Y; no reply ever.
  setInstallFinish: async ({ host }) => {
    try {
      await postJson('/portal-api/install-finish', { sid: host.sid })
    } catch (error) {
      return silent(`install not finished: ${String(error)}`)
    }
    const url = new URL(window.location.href)
    url.searchParams.set('install_finished', 'Y')
    window.location.assign(url.toString())
    return silent('installed; reloading the page with install_finished=Y')
  },

  refreshAuth: async ({ host }) => {
    try {
      return reply(await postJson('/portal-api/refresh', { sid: host.sid }))
    } catch (error) {
      return silent(`refresh failed: ${String(error)}`)
    }
  },

  resizeWindow: async ({ host, params }) => {
    const width = params.width
    const height = params.height
    if (height !== undefined && height !== '') host.iframe.style.height = cssSize(height)
    if (width !== undefined && width !== '') host.iframe.style.width = cssSize(width)
    return reply({ width, height })
  },

  setTitle: async ({ host, params }) => {
    const title = String(params.title ?? '')
    if (host.slider) host.slider.setTitle(title)
    else {
      document.title = title
      const heading = document.querySelector('h1')
      if (heading) heading.textContent = title
    }
    return reply(params)
  },

  setScroll: async ({ params }) => {
    window.scrollTo(0, Number(params.scroll) || 0)
    return reply(params)
  },

  reloadWindow: async () => {
    window.location.reload()
    return silent('page reloads')
  },

  selectUser: async ({ host, params }) => {
    const users = await getJson<Array<Record<string, unknown>>>(`/portal-api/users?sid=${encodeURIComponent(host.sid)}`)
    const multiple = params.mult === true
    const items: ChoiceItem[] = users.map((u) => ({ id: String(u.id), label: String(u.name), hint: String(u.position ?? '') }))
    const chosen = await chooseFromList(en() ? 'Select employee' : 'Выбор сотрудника', items, multiple)
    if (!chosen) return silent('dialog cancelled: the portal does not answer')
    const picked = users.filter((u) => chosen.includes(String(u.id)))
    return reply(multiple ? picked : (picked[0] ?? null))
  },

  selectAccess: async ({ params }) => {
    const all = await getJson<Array<{ id: string; name: string }>>('/portal-api/access')
    const blocked = new Set(Array.isArray(params.value) ? params.value.map(String) : [])
    const items: ChoiceItem[] = all.map((a) => ({ id: a.id, label: a.name, hint: a.id, disabled: blocked.has(a.id) }))
    const chosen = await chooseFromList(en() ? 'Access rights' : 'Права доступа', items, true)
    if (!chosen) return silent('dialog cancelled: the portal does not answer')
    return reply(all.filter((a) => chosen.includes(a.id)))
  },

  selectCRM: async ({ params }) => {
    const types = Array.isArray(params.entityType) && params.entityType.length ? params.entityType.map(String) : ['deal', 'company', 'contact', 'lead']
    const buckets = await getJson<Record<string, Array<Record<string, unknown>>>>(`/portal-api/crm-items?types=${encodeURIComponent(types.join(','))}`)
    const preset = presetIds(params.value)
    const items: ChoiceItem[] = []
    for (const [type, list] of Object.entries(buckets)) {
      for (const item of list) items.push({ id: String(item.id), label: String(item.title), hint: String(item.id), group: type, checked: preset.has(String(item.id)) })
    }
    const chosen = await chooseFromList(en() ? 'Select CRM items' : 'Выбор элементов CRM', items, params.multiple === true)
    if (!chosen) return silent('dialog cancelled: the portal does not answer')
    // Buckets go out as objects keyed by position ({0:{…}}), as the portal sends them.
    const out: Record<string, Record<number, unknown>> = {}
    for (const [type, list] of Object.entries(buckets)) {
      const picked = list.filter((item) => chosen.includes(String(item.id)))
      if (picked.length) out[type] = Object.fromEntries(picked.map((item, i) => [i, item]))
    }
    return reply(out)
  },

  setAppOption: async ({ host, params }) => {
    const { saved } = await postJson<{ saved: boolean }>('/portal-api/app-option', { sid: host.sid, name: params.name, value: params.value })
    return saved ? reply(params) : silent('not an administrator: app options are not saved')
  },

  setUserOption: async ({ host, params }) => {
    const { saved } = await postJson<{ saved: boolean }>('/portal-api/user-option', { sid: host.sid, name: params.name, value: params.value })
    return saved ? reply(params) : silent('option name missing')
  },

  getInterface: async ({ host }) => reply(placementInterface(host.launch.placement)),

  placementBindEvent: async ({ host, params, message }) => {
    const event = String(params.event ?? '')
    if (!placementInterface(host.launch.placement).event.includes(event)) return silent(`event ${event} is not in this placement's interface`)
    host.boundEvents.set(event, message.callbackKey)
    return silent(`bound ${event}; events will reuse this key`)
  },

  openPath: async ({ params }) => {
    const path = String(params.path ?? '')
    if (!path.startsWith('/') || path.startsWith('//')) return reply({ result: 'error', errorCode: 'PATH_IS_NOT_A_PORTAL_PATH' })
    const url = new URL(path, window.location.origin)
    url.searchParams.set('IFRAME', 'Y')
    url.searchParams.set('IFRAME_TYPE', 'SIDE_SLIDER')
    const slider = openSlider(url.pathname)
    const iframe = document.createElement('iframe')
    iframe.className = 'slider-iframe'
    iframe.src = url.pathname + url.search + url.hash
    slider.body.append(iframe)
    await slider.closed
    return reply({ result: 'close' })
  },

  openApplication: async ({ params }) => {
    const options: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(params)) if (!key.startsWith('bx24_')) options[key] = value
    const slider = openSlider(String(params.bx24_title ?? (en() ? 'Application' : 'Приложение')), Number(params.bx24_width) || undefined)
    const child = await launchFrame(slider.body, { placement: 'DEFAULT', options, inSlider: true })
    child.slider = slider
    await slider.closed
    forgetFrame(child)
    return reply(undefined)
  },

  closeApplication: async ({ host }) => {
    if (!host.slider) return reply(undefined)
    // Answer first: once the slider closes the frame is gone.
    const slider = host.slider
    setTimeout(() => slider.close(), 0)
    return reply(undefined)
  },

  reloadData: async ({ host }) => {
    if (!placementInterface(host.launch.placement).command.includes('reloadData')) return silent('reloadData is not in this placement\'s interface')
    const card = document.querySelector<HTMLElement>('[data-card-fields]')
    if (card) {
      const fresh = await getJson<{ main: string; extra: string }>(`/portal-api/card-fields?kind=${card.dataset.entity}&id=${card.dataset.entityId}`)
      // Markup rendered (and escaped) by the portal server.
      card.innerHTML = fresh.main
      const extra = document.querySelector<HTMLElement>('[data-card-extra]')
      if (extra) extra.innerHTML = fresh.extra
    }
    return reply(undefined)
  },
}

/** `im*` commands open the messenger in a real portal; the sandbox only logs them. */
export function isImCommand(command: string): boolean {
  return /^im[A-Z]/.test(command) || command.startsWith('im:')
}

function cssSize(value: unknown): string {
  return typeof value === 'number' || /^\d+(\.\d+)?$/.test(String(value)) ? `${Number(value)}px` : String(value)
}

function presetIds(value: unknown): Set<string> {
  const out = new Set<string>()
  if (!value || typeof value !== 'object') return out
  const prefixes: Record<string, string> = { deal: 'D', company: 'CO', contact: 'C', lead: 'L', quote: 'Q' }
  for (const [type, ids] of Object.entries(value)) {
    if (!Array.isArray(ids)) continue
    for (const id of ids) out.add(`${prefixes[type] ?? type}_${id}`)
  }
  return out
}
