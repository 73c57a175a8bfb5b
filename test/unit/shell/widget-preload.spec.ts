import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { appPreloadLinks, appPreloads, injectIntoHead, openingSources, preloadScript, widgetPreloads, widgetSources } from '@/build/widget-preload'
import type { BuiltChunk } from '@/build/widget-preload'
import { namedWidget } from '@/shell/named-widget'
import { manifest } from '~placements/manifest'
import type { WidgetEntry } from '~placements/manifest'

const chunk = (fileName: string, moduleIds: string[], imports: string[] = [], isEntry = false): BuiltChunk => ({ type: 'chunk', fileName, moduleIds, imports, isEntry })

describe('widget chunk preload', () => {
  it('finds every widget of the placements manifest', () => {
    const sources = widgetSources(readFileSync('placements/manifest.ts', 'utf8'))
    expect(Object.keys(sources).sort()).toEqual(manifest.map((entry) => entry.id).sort())
    for (const entry of manifest) expect(entry.load.toString()).toContain(sources[entry.id]!.replace(/^widgets\//, ''))
  })

  it('finds the opening read of every widget that has one', () => {
    const openings = openingSources(readFileSync('placements/manifest.ts', 'utf8'))
    expect(Object.keys(openings).sort()).toEqual(manifest.filter((entry) => entry.opening).map((entry) => entry.id).sort())
    expect(openings['next-steps']).toBe('src/b24/deal-screen/data')
    // The approvals pages share a constant that names the inbox's read.
    expect(openings['approvals-home']).toBe('widgets/approvals/data')
  })

  it('lists the opening read\'s chunks before the widget\'s, each once', () => {
    const bundle = {
      'index.js': chunk('index.js', ['/app/src/main.ts'], ['sdk.js'], true),
      'sdk.js': chunk('sdk.js', ['/app/node_modules/sdk/index.js']),
      'Tab.js': chunk('Tab.js', ['/app/widgets/tab/Tab.vue'], ['Select.js', 'data.js']),
      'Select.js': chunk('Select.js', ['/app/node_modules/kit/Select.vue']),
      'data.js': chunk('data.js', ['/app/widgets/tab/data.ts'], ['schemas.js', 'sdk.js']),
      'schemas.js': chunk('schemas.js', ['/app/node_modules/zod/schemas.js']),
    }
    expect(widgetPreloads(bundle, { tab: 'widgets/tab/Tab.vue' }, '/app', { tab: 'widgets/tab/data' })).toEqual({ tab: ['data.js', 'schemas.js', 'Tab.js', 'Select.js'] })
    expect(widgetPreloads(bundle, { tab: 'widgets/tab/Tab.vue' }, '/app')).toEqual({ tab: ['Tab.js', 'Select.js', 'data.js', 'schemas.js'] })
    expect(() => widgetPreloads(bundle, { tab: 'widgets/tab/Tab.vue' }, '/app', { tab: 'widgets/tab/gone' })).toThrow(/opening/)
  })

  it('lists the widget chunk and its static imports, not what the entries load', () => {
    const bundle = {
      'index.js': chunk('index.js', ['/app/src/main.ts'], ['sdk.js'], true),
      'sdk.js': chunk('sdk.js', ['/app/node_modules/sdk/index.js']),
      'app.js': chunk('app.js', ['/app/src/app.ts'], ['vendor.js'], true),
      'vendor.js': chunk('vendor.js', ['/app/node_modules/vue/index.js']),
      'Tab.js': chunk('Tab.js', ['/app/widgets/tab/Tab.vue'], ['vendor.js', 'Select.js']),
      'Select.js': chunk('Select.js', ['/app/node_modules/kit/Select.vue'], ['vendor.js']),
      // Imported statically elsewhere too: the widget shares a chunk it is not the facade of.
      'Inbox-shared.js': chunk('Inbox-shared.js', ['/app/widgets/inbox/parts.ts', '/app/widgets/inbox/Inbox.vue'], ['Select.js']),
      'index.css': { type: 'asset' as const },
    }
    const sources = { tab: 'widgets/tab/Tab.vue', inbox: 'widgets/inbox/Inbox.vue' }
    expect(widgetPreloads(bundle, sources, '/app')).toEqual({ tab: ['Tab.js', 'Select.js'], inbox: ['Inbox-shared.js', 'Select.js'] })
    expect(() => widgetPreloads(bundle, { gone: 'widgets/gone/Gone.vue' }, '/app')).toThrow(/gone/)
  })

  it('preloads the Vue app and its styles on every page, not what the page’s entry loads already', () => {
    const app = { ...chunk('app.js', ['/app/src/app.ts'], ['vendor.js', 'shared.js'], true), viteMetadata: { importedCss: new Set(['app.css']) } }
    const bundle = {
      'index.js': chunk('index.js', ['/app/src/main.ts'], ['shared.js'], true),
      'shared.js': chunk('shared.js', ['/app/src/shell/boot.ts'], ['sdk.js']),
      'sdk.js': chunk('sdk.js', ['/app/node_modules/sdk/index.js']),
      'app.js': app,
      'vendor.js': chunk('vendor.js', ['/app/node_modules/vue/index.js']),
    }
    const preloads = appPreloads(bundle, 'index.js')
    expect(preloads).toEqual({ modules: ['app.js', 'vendor.js'], styles: ['app.css'] })
    // Preloaded as a style, not applied: a stylesheet in the head would hold the entry back; the helper's own link matches it (crossorigin).
    expect(appPreloadLinks(preloads, './')).toEqual([
      '<link rel="modulepreload" crossorigin href="./app.js">',
      '<link rel="modulepreload" crossorigin href="./vendor.js">',
      '<link rel="preload" as="style" crossorigin href="./app.css">',
    ])
  })

  it('adds modulepreload links for the widget the URL names, and none for another', () => {
    const script = preloadScript({ tab: ['assets/Tab.js', 'assets/Select.js'], inbox: ['assets/Select.js'] }, './')
    const run = (search: string) => {
      document.head.innerHTML = ''
      new Function('location', script)({ search })
      return [...document.head.querySelectorAll('link[rel=modulepreload]')].map((link) => link.getAttribute('href'))
    }
    expect(run('?widget=tab&DOMAIN=x')).toEqual(['./assets/Tab.js', './assets/Select.js'])
    expect(run('?widget=inbox')).toEqual(['./assets/Select.js'])
    expect(run('?widget=toString')).toEqual([])
    expect(run('')).toEqual([])
  })

  it('goes at the end of the head, after the entry and its preloads', () => {
    const html = '<head>\n    <meta charset="UTF-8" />\n    <script type="module" crossorigin src="./assets/index.js"></script>\n    <link rel="modulepreload" crossorigin href="./assets/sdk.js">\n  </head>'
    const out = injectIntoHead(html, ['<link rel="modulepreload" href="./app.js">', '<script>go()</script>'])
    expect(out).toBe(
      '<head>\n    <meta charset="UTF-8" />\n    <script type="module" crossorigin src="./assets/index.js"></script>\n    <link rel="modulepreload" crossorigin href="./assets/sdk.js">\n    <link rel="modulepreload" href="./app.js">\n    <script>go()</script>\n  </head>',
    )
    expect(() => injectIntoHead('<body></body>', ['x'])).toThrow(/head/)
  })

  it('finds the widget the handler URL names, without loading it (its chunk runs once the batch has left)', () => {
    const load = vi.fn(() => Promise.resolve({ default: {} }))
    const entries = [
      { id: 'tab', placement: 'CRM_DEAL_DETAIL_TAB', handlerQuery: 'widget=tab', titles: { ru: 'Т', en: 'T' }, load },
      { id: 'page', placement: 'LEFT_MENU', handlerQuery: 'widget=page', titles: { ru: 'С', en: 'P' }, load },
    ] satisfies WidgetEntry[]
    expect(namedWidget('?widget=tab', entries)?.id).toBe('tab')
    expect(namedWidget('?widget=nope', entries)).toBeUndefined()
    expect(namedWidget('', entries)).toBeUndefined()
    expect(load).not.toHaveBeenCalled()
  })
})
