import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createServer, preview } from 'vite'
import type { PreviewServer, ViteDevServer } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'
import { isPagePost } from '../../src/build/post-as-get'

// Bitrix24 opens a handler with a form POST (reference §1.1; b24restdocs
// api-reference/widgets/crm/detail-tab.md): the app's server must answer POST with the page.

const root = fileURLToPath(new URL('../../', import.meta.url))
const form = 'AUTH_ID=token&AUTH_EXPIRES=3600&PLACEMENT=CRM_DEAL_DETAIL_TAB&PLACEMENT_OPTIONS=%7B%22ID%22%3A%221%22%7D'

async function postForm(origin: string, path: string) {
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  })
}

describe('isPagePost', () => {
  it('rewrites POSTs to page URLs only', () => {
    expect(isPagePost('POST', '/?DOMAIN=localhost%3A4000&PROTOCOL=0&LANG=ru&APP_SID=x&widget=next-steps')).toBe(true)
    expect(isPagePost('POST', '/index.html?widget=settings')).toBe(true)
    expect(isPagePost('POST', '/app/')).toBe(true)
    expect(isPagePost('GET', '/')).toBe(false)
    expect(isPagePost('POST', '/assets/index.js')).toBe(false)
    expect(isPagePost('POST', '/@vite/client')).toBe(false)
  })
})

describe('the app servers answer the portal’s POST', () => {
  let dev: ViteDevServer | undefined
  let previewServer: PreviewServer | undefined

  afterAll(async () => {
    await dev?.close()
    await previewServer?.close()
  })

  it('dev server: POST / returns the app page', async () => {
    dev = await createServer({ root, configFile: `${root}vite.config.ts`, logLevel: 'silent', server: { port: 0, strictPort: false, hmr: false } })
    await dev.listen()
    const { port } = dev.httpServer!.address() as AddressInfo
    const response = await postForm(`http://localhost:${port}`, '/?DOMAIN=localhost&PROTOCOL=0&LANG=ru&APP_SID=s&widget=next-steps')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<div id="app"')
  })

  it.skipIf(!existsSync(`${root}dist/index.html`))('preview of dist/: POST / returns the built page', async () => {
    previewServer = await preview({ root, configFile: `${root}vite.config.ts`, logLevel: 'silent', preview: { port: 0, strictPort: false } })
    const { port } = previewServer.httpServer.address() as AddressInfo
    const response = await postForm(`http://localhost:${port}`, '/?widget=settings')
    expect(response.status).toBe(200)
    expect(await response.text()).toMatch(/<script type="module"[^>]+assets\/index-/)
  })
})
