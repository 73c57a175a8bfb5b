// @vitest-environment node
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IssuedTokens, PlacementRow, PortalServices, SandboxApp, UserRow } from '../core/types'
import { MemoryStore } from '../store/memory-store'
import { handlePortalRequest } from './routes'

function user(fields: Partial<UserRow>): Omit<UserRow, 'ID'> {
  return {
    ACTIVE: true, NAME: '', LAST_NAME: '', SECOND_NAME: '', EMAIL: '', WORK_POSITION: '', PERSONAL_GENDER: '', PERSONAL_PHOTO: '',
    TIME_ZONE: '', UF_DEPARTMENT: [], IS_ADMIN: false, CRM_ACCESS: 'X', WEBHOOK_SECRET: 's', ...fields,
  }
}

let server: Server
let origin = ''
const store = new MemoryStore()
const app: SandboxApp = { code: 'probe', clientId: 'local.probe', clientSecret: 'secret', applicationToken: 'token', handlerUrl: 'http://localhost:5999/app/', scope: ['crm'], version: 1, installed: false }
let tokenCounter = 0
const issued = new Map<string, number>()
const services: PortalServices = {
  store,
  get origin() {
    return origin
  },
  app: () => app,
  issueTokens(userId: number): IssuedTokens {
    tokenCounter++
    issued.set(`r${tokenCounter}`, userId)
    return { AUTH_ID: `a${tokenCounter}`, REFRESH_ID: `r${tokenCounter}`, AUTH_EXPIRES: 60 }
  },
  refreshTokens(refreshId: string) {
    const userId = issued.get(refreshId)
    if (userId === undefined) return null
    issued.delete(refreshId)
    return this.issueTokens(userId)
  },
  finishInstall: () => {
    app.installed = true
  },
  now: () => new Date(),
}

beforeAll(async () => {
  store.table('departments').insert({ NAME: 'Продажи', SORT: 1, PARENT: null, UF_HEAD: 2 })
  store.table<UserRow>('users').insert(user({ NAME: 'Анна', LAST_NAME: '<b>Менеджер</b>', UF_DEPARTMENT: [1] }))
  store.table<UserRow>('users').insert(user({ NAME: 'Борис', LAST_NAME: 'Админ', IS_ADMIN: true, UF_DEPARTMENT: [1] }))
  for (let i = 1; i <= 51; i++) store.table('deals').insert({ TITLE: i === 1 ? '<script>alert(1)</script>' : `Сделка ${i}`, STAGE_ID: 'NEW', OPPORTUNITY: 1000 * i, CURRENCY_ID: 'RUB', ASSIGNED_BY_ID: 1 })
  store.table<PlacementRow>('placements').insert({ placement: 'CRM_DEAL_DETAIL_TAB', handler: 'http://localhost:5999/tab/', title: 'Профиль', description: '', groupName: '', langAll: { en: { TITLE: 'Profile' } }, options: [], userId: 2 })
  server = createServer((req, res) => {
    void handlePortalRequest(req, res, services).then((served) => {
      if (!served) {
        res.writeHead(404)
        res.end('not portal')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://localhost:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const get = (path: string, cookie = '') => fetch(origin + path, { headers: { cookie }, redirect: 'manual' })
const post = (path: string, body: unknown, cookie = '') =>
  fetch(origin + path, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) })

describe('portal pages', () => {
  it('escapes CRM values and user names as text', async () => {
    const list = await (await get('/crm/deal/list/')).text()
    expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(list).not.toContain('<script>alert(1)')
    const home = await (await get('/', 'sandbox_user=1')).text()
    expect(home).toContain('Анна &lt;b&gt;Менеджер&lt;/b&gt;')
  })

  it('lists the current user notifications with their BB codes shown as the bell shows them and HTML escaped', async () => {
    // Row shape of table `notifications` written by im.notify.* (b24restdocs api-reference/chats/notifications/im-notify-personal-add.md).
    store.table('notifications').insert({ USER_ID: 1, AUTHOR_ID: 2, TYPE: 'personal', MESSAGE: '[b]Согласуйте[/b] <договор>', DATE_CREATE: '2026-01-02T10:00:00+03:00' })
    store.table('notifications').insert({ USER_ID: 2, AUTHOR_ID: 0, TYPE: 'system', MESSAGE: 'not for Anna', DATE_CREATE: '2026-01-02T10:00:00+03:00' })
    const home = await (await get('/', 'sandbox_user=1')).text()
    expect(home).toContain('<b>Борис Админ:</b> <b>Согласуйте</b> &lt;договор&gt;')
    expect(home).not.toContain('not for Anna')
  })

  it('shows a notification link and line breaks; a link to anything but http(s) or a portal path stays text', async () => {
    // b24restdocs api-reference/chats/messages/formatting.md: [URL=…]…[/URL], [BR] or \n, [B].
    const message = '[B]Итоги недели[/B]\nНовые: 3[BR][URL=https://portal.example/marketplace/view/app/?params%5Bview%5D=x]Открыть отчёт[/URL] [URL=javascript:alert(1)]нет[/URL] [COLOR=red]красный[/COLOR]'
    store.table('notifications').insert({ USER_ID: 1, AUTHOR_ID: 0, TYPE: 'system', MESSAGE: message, DATE_CREATE: '2026-01-03T10:00:00+03:00' })
    const home = await (await get('/', 'sandbox_user=1')).text()
    expect(home).toContain('<b>Итоги недели</b><br>Новые: 3<br><a href="https://portal.example/marketplace/view/app/?params%5Bview%5D=x" target="_blank" rel="noopener">Открыть отчёт</a> нет красный')
    expect(home).not.toContain('javascript:')
  })

  it('names deal stages and lead statuses from their own status entity', async () => {
    // crm.status.list rows (b24restdocs api-reference/crm/status/crm-status-list.md): ENTITY_ID DEAL_STAGE vs STATUS.
    store.table('statuses').insert({ ENTITY_ID: 'STATUS', STATUS_ID: 'NEW', NAME: 'Не обработан' })
    store.table('statuses').insert({ ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'NEW', NAME: 'Новая' })
    const card = await (await get('/crm/deal/details/3/')).text()
    expect(card).toMatch(/data-field="STAGE_ID"><dt>[^<]+<\/dt><dd>Новая<\/dd>/)
  })

  it('pages lists by 50 and links rows to their cards', async () => {
    const first = await (await get('/crm/deal/list/')).text()
    expect(first).toContain('href="/crm/deal/details/50/"')
    expect(first).not.toContain('href="/crm/deal/details/51/"')
    const second = await (await get('/crm/deal/list/?page=2')).text()
    expect(second).toContain('href="/crm/deal/details/51/"')
  })

  it('hides the app tabs of a card until the app is installed', async () => {
    expect(await (await get('/crm/deal/details/2/')).text()).not.toContain('data-placement-id')
    app.installed = true
    const card = await (await get('/crm/deal/details/2/', 'lang=en')).text()
    expect(card).toContain('data-placement-id="1"')
    expect(card).toContain('>Profile<')
    expect(card).toContain('&quot;ID&quot;:&quot;2&quot;')
    app.installed = false
  })

  // b24restdocs widgets/universal/app-url.md: /marketplace/view/<client_id>/?params[test]=y → REST_APP_URI, PLACEMENT_OPTIONS {"test":"y"}.
  it('opens the app from a link by its client_id or code with the link params as placement options, once installed and bound', async () => {
    const link = '/marketplace/view/local.probe/?params%5Bview%5D=eyJ2IjoxfQ&params[tab]=x&params[a][b]=nested&other=1'
    expect((await get(link)).status).toBe(404)
    app.installed = true
    expect((await get(link)).status).toBe(404)
    store.table<PlacementRow>('placements').insert({ placement: 'REST_APP_URI', handler: 'http://localhost:5999/app/?widget=link', title: 'Ссылки', description: '', groupName: '', langAll: [] as never, options: [], userId: 2 })
    const row = [...store.table<PlacementRow>('placements').rows()].find((p) => p.placement === 'REST_APP_URI')!
    for (const path of [link, link.replace('local.probe', 'probe')]) {
      const response = await get(path, 'sandbox_user=1')
      expect(response.status).toBe(200)
      const request = /data-frame-request="([^"]+)"/.exec(await response.text())![1]!.replaceAll('&quot;', '"')
      expect(JSON.parse(request)).toEqual({ placementId: row.ID, options: { view: 'eyJ2IjoxfQ', tab: 'x' }, inSlider: true })
    }
    expect((await get('/marketplace/view/local.other/?params[view]=x')).status).toBe(404)
    const launch = await (await post('/portal-api/frames', { placementId: row.ID, options: { view: 'eyJ2IjoxfQ' }, inSlider: true }, 'sandbox_user=1')).json()
    const init = await (await post('/portal-api/init-data', { sid: launch.sid })).json()
    expect(init).toMatchObject({ PLACEMENT: 'REST_APP_URI', PLACEMENT_OPTIONS: { view: 'eyJ2IjoxfQ' } })
    store.table<PlacementRow>('placements').delete(row.ID)
    app.installed = false
  })

  it('answers 404 for a missing card and false for paths it does not serve', async () => {
    expect((await get('/crm/deal/details/999/')).status).toBe(404)
    expect(await (await get('/rest/profile')).text()).toBe('not portal')
  })

  it('serves the bundled browser script and the SDK bundle', async () => {
    const script = await (await get('/portal-assets/portal.js')).text()
    expect(script).toContain('portal-api/frames')
    const sdk = await (await get('/portal-assets/vendor/b24jssdk.js')).text()
    expect(sdk).toContain('B24Js')
  })

  it('switches the user through a cookie', async () => {
    const response = await get('/portal-api/switch-user?id=2&back=/crm/deal/list/')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/crm/deal/list/')
    expect(response.headers.get('set-cookie')).toContain('sandbox_user=2')
  })
})

describe('portal-api frame routes', () => {
  it('opens a DEFAULT frame in install mode and builds its init data', async () => {
    const launch = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=2')).json()
    expect(launch.name).toBe(`${new URL(origin).host}|0|${launch.sid}`)
    expect(launch.action).toContain('http://localhost:5999/app/?DOMAIN=')
    const init = await (await post('/portal-api/init-data', { sid: launch.sid })).json()
    expect(init).toMatchObject({ PLACEMENT: 'DEFAULT', INSTALL: true, FIRST_RUN: true, IS_ADMIN: true, PLACEMENT_OPTIONS: '' })
    expect(init.AUTH_ID).toBe(Object.fromEntries(launch.fields).AUTH_ID)
  })

  it('refuses placement frames before install and gives CRM tabs only their ID', async () => {
    expect((await post('/portal-api/frames', { placementId: 1, options: { ID: '3' } })).status).toBe(403)
    app.installed = true
    const launch = await (await post('/portal-api/frames', { placementId: 1, options: { ID: 3, extra: 'x' } }, 'sandbox_user=1')).json()
    const init = await (await post('/portal-api/init-data', { sid: launch.sid })).json()
    expect(init).toMatchObject({ PLACEMENT: 'CRM_DEAL_DETAIL_TAB', PLACEMENT_OPTIONS: { ID: '3' }, INSTALL: false, IS_ADMIN: false })
    app.installed = false
  })

  it('refreshes tokens with the frame refresh token', async () => {
    const launch = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=1')).json()
    const fresh = await (await post('/portal-api/refresh', { sid: launch.sid })).json()
    expect(fresh.AUTH_ID).not.toBe(Object.fromEntries(launch.fields).AUTH_ID)
    const init = await (await post('/portal-api/init-data', { sid: launch.sid })).json()
    expect(init.REFRESH_ID).toBe(fresh.REFRESH_ID)
  })

  it('saves app options for admins only and user options per user', async () => {
    const manager = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=1')).json()
    const admin = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=2')).json()
    expect(await (await post('/portal-api/app-option', { sid: manager.sid, name: 'k', value: 'no' })).json()).toEqual({ saved: false })
    expect(await (await post('/portal-api/app-option', { sid: admin.sid, name: 'k', value: { v: 1 } })).json()).toEqual({ saved: true })
    await post('/portal-api/user-option', { sid: manager.sid, name: 'pin', value: '1' })
    expect(store.getValue('appOptions')).toEqual({ k: { v: 1 } })
    expect(store.getValue('userOptions:1')).toEqual({ pin: '1' })
    const init = await (await post('/portal-api/init-data', { sid: manager.sid })).json()
    expect(init.APP_OPTIONS).toEqual({ k: { v: 1 } })
    expect(init.USER_OPTIONS).toEqual({ pin: '1' })
  })

  it('lists users for selectUser with sub/sup from department heads', async () => {
    const manager = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=1')).json()
    const users = await (await get(`/portal-api/users?sid=${manager.sid}`)).json()
    expect(users).toContainEqual({ id: '2', name: 'Борис Админ', photo: '', position: '', url: '/company/personal/user/2/', sub: false, sup: true })
  })

  it('finishes the install for an admin frame only', async () => {
    const manager = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=1')).json()
    expect((await post('/portal-api/install-finish', { sid: manager.sid })).status).toBe(403)
    expect(app.installed).toBe(false)
    const admin = await (await post('/portal-api/frames', { placement: 'DEFAULT' }, 'sandbox_user=2')).json()
    expect((await post('/portal-api/install-finish', { sid: admin.sid })).status).toBe(200)
    expect(app.installed).toBe(true)
  })
})
