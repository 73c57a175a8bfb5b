import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import type { Plugin } from 'vite'

/*
 * The page is one for every placement, and the shell learns which widget to show only
 * after the frame's handshake: its chunk then started downloading after vendor, the
 * shell and the handshake, one after the other. Every bound handler URL names its widget
 * (`?widget=next-steps`, placements/manifest.ts), so a small inline script in <head>
 * reads it and adds `<link rel="modulepreload">` for that widget's chunk and the chunks
 * it imports statically: they download alongside vendor, and the frame's handshake no
 * longer waits for them.
 */

/** Widget id → its root component's file (`widgets/next-steps/NextStepsWidget.vue`), read from placements/manifest.ts. */
export function widgetSources(manifestText: string): Record<string, string> {
  const sources: Record<string, string> = {}
  const entry = /id:\s*'([a-z0-9-]+)'[^]*?import\('~widgets\/([^']+)'\)/g
  for (const [, id, path] of manifestText.matchAll(entry)) sources[id!] = `widgets/${path}`
  return sources
}

/** `@/x` and `~widgets/x` as the source paths the build names modules by. */
/** An import specifier of the app's aliases (`@/`, `~widgets/`, `~placements/`, see vite.config.ts) as a path from the project's root. */
export const sourcePath = (specifier: string) => specifier.replace(/^@\//, 'src/').replace(/^~widgets\//, 'widgets/').replace(/^~placements\//, 'placements/')

/**
 * Widget id → the module of its opening read (`src/b24/deal-screen/data`, no extension), read from
 * placements/manifest.ts: `opening: () => import('…')` in the widget's entry, or a constant it names
 * (`const inboxOpening = () => import('…')`).
 */
export function openingSources(manifestText: string): Record<string, string> {
  const constants = new Map([...manifestText.matchAll(/const (\w+) = \(\) => import\('([^']+)'\)/g)].map(([, name, path]) => [name!, path!]))
  const sources: Record<string, string> = {}
  for (const block of manifestText.split(/\bwidget\(\{/).slice(1)) {
    const id = /id:\s*'([a-z0-9-]+)'/.exec(block)?.[1]
    const opening = /opening:\s*(?:\(\) => import\('([^']+)'\)|(\w+))/.exec(block)
    const path = opening?.[1] ?? (opening?.[2] ? constants.get(opening[2]) : undefined)
    if (id && path) sources[id] = sourcePath(path)
  }
  return sources
}

/** What the plugin needs of a built chunk (Rollup's OutputChunk). */
export interface BuiltChunk {
  type: 'chunk'
  fileName: string
  isEntry: boolean
  /** Modules in the chunk: a widget also imported statically elsewhere shares a chunk it is not the facade of. */
  moduleIds: string[]
  imports: string[]
  /** Vite's: the stylesheets the chunk's modules import. */
  viteMetadata?: { importedCss: Set<string> }
}

type Bundle = Record<string, BuiltChunk | { type: 'asset' }>

function staticClosure(bundle: Bundle, fileName: string, seen: Set<string>): Set<string> {
  const chunk = bundle[fileName]
  if (seen.has(fileName) || chunk?.type !== 'chunk') return seen
  seen.add(fileName)
  for (const imported of chunk.imports) staticClosure(bundle, imported, seen)
  return seen
}

/** Chunk files every entry reaches through static imports: the page's entry and the Vue app it imports at once. */
function entriesClosure(bundle: Bundle): Set<string> {
  const reached = new Set<string>()
  for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) staticClosure(bundle, chunk.fileName, reached)
  return reached
}

/**
 * Widget id → chunk files to preload, less what the entries load anyway (preloaded for every page,
 * see appPreloads): first the chunks of the widget's opening read (`openings`), which the first
 * batch waits for right after the frame's handshake, then the chunk holding the widget and its
 * static imports. Over HTTP/1.1 the browser fetches six at a time, in this order.
 */
export function widgetPreloads(bundle: Bundle, sources: Record<string, string>, root: string, openings: Record<string, string> = {}): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((item): item is BuiltChunk => item.type === 'chunk')
  const shell = entriesClosure(bundle)
  const sourceOf = (moduleId: string) => relative(root, moduleId).split('\\').join('/')
  const chunkOf = (matches: (source: string) => boolean) => chunks.find((candidate) => candidate.moduleIds.some((moduleId) => matches(sourceOf(moduleId))))
  const preloads: Record<string, string[]> = {}
  for (const [id, source] of Object.entries(sources)) {
    const chunk = chunkOf((candidate) => candidate === source)
    if (!chunk) throw new Error(`widget-preload: no chunk built for ${id} (${source})`)
    const opening = openings[id]
    const openingChunk = opening ? chunkOf((candidate) => candidate.replace(/\.[cm]?[jt]s$/, '') === opening) : undefined
    if (opening && !openingChunk) throw new Error(`widget-preload: no chunk built for ${id}'s opening read (${opening})`)
    const ordered = openingChunk ? staticClosure(bundle, openingChunk.fileName, new Set()) : new Set<string>()
    preloads[id] = [...staticClosure(bundle, chunk.fileName, ordered)].filter((file) => !shell.has(file))
  }
  return preloads
}

/**
 * What every page loads besides its entry (which Vite preloads itself): the Vue app's chunks,
 * which the entry imports only once it has run, and their stylesheets. Fetched from the start, the
 * app is ready about when the frame's handshake is, and its styles do not hold the entry back, as a
 * stylesheet in the page's head would.
 */
export function appPreloads(bundle: Bundle, htmlEntry: string): { modules: string[]; styles: string[] } {
  const page = staticClosure(bundle, htmlEntry, new Set())
  const modules = [...entriesClosure(bundle)].filter((file) => !page.has(file))
  const styles = modules.flatMap((file) => {
    const chunk = bundle[file]
    return chunk?.type === 'chunk' ? [...(chunk.viteMetadata?.importedCss ?? [])] : []
  })
  return { modules, styles }
}

/** `<link>` tags fetching the app's modules and styles without running or applying them. */
export function appPreloadLinks({ modules, styles }: { modules: string[]; styles: string[] }, base: string): string[] {
  return [
    ...modules.map((file) => `<link rel="modulepreload" crossorigin href="${base}${file}">`),
    ...styles.map((file) => `<link rel="preload" as="style" crossorigin href="${base}${file}">`),
  ]
}

/** The inline script: the `widget` parameter → modulepreload links, before the entry runs. Files are listed once, then by index. */
export function preloadScript(preloads: Record<string, string[]>, base: string): string {
  const files = [...new Set(Object.values(preloads).flat())]
  const byWidget = Object.fromEntries(Object.entries(preloads).map(([id, list]) => [id, list.map((file) => files.indexOf(file))]))
  return [
    `(function(){var a=${JSON.stringify(files)},m=${JSON.stringify(byWidget)};`,
    `var w=new URLSearchParams(location.search).get('widget');if(!w||!Object.prototype.hasOwnProperty.call(m,w))return;`,
    `m[w].forEach(function(i){var l=document.createElement('link');l.rel='modulepreload';l.crossOrigin='';`,
    `l.href=${JSON.stringify(base)}+a[i];document.head.appendChild(l)})})()`,
  ].join('')
}

/**
 * The tags go at the end of the page's head, after the entry and Vite's preload links for it: the
 * entry's files are requested first, and the head holds no stylesheet a classic script would wait for
 * (the app's styles come with the app). An inline script's links are appended as it runs, so they are
 * requested before the tags that follow it.
 */
export function injectIntoHead(html: string, tags: string[]): string {
  const headEnd = /(\n?)([ \t]*)<\/head>/
  const match = headEnd.exec(html)
  if (!match) throw new Error('widget-preload: no </head> in index.html')
  const indent = `${match[2]}  `
  return html.replace(headEnd, (_all, newline: string, outdent: string) => tags.map((tag) => `${newline || '\n'}${indent}${tag}`).join('') + `${newline || '\n'}${outdent}</head>`)
}

export function widgetPreload(manifestFile: string): Plugin {
  let root = ''
  let base = './'
  return {
    name: 'b24:widget-preload',
    apply: 'build',
    configResolved(config) {
      root = config.root
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.bundle || !context.chunk) return
        const bundle = context.bundle as unknown as Bundle
        const manifestText = readFileSync(manifestFile, 'utf8')
        const preloads = widgetPreloads(bundle, widgetSources(manifestText), root, openingSources(manifestText))
        const app = appPreloadLinks(appPreloads(bundle, context.chunk.fileName), base)
        // The widget's links first: its opening read is wanted right after the handshake, the app after the batch.
        return injectIntoHead(html, [`<script>${preloadScript(preloads, base)}</script>`, ...app])
      },
    },
  }
}
