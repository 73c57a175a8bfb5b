/**
 * `npm run size`: what each placement downloads, gzipped, read from the Vite build
 * manifest (dist/.vite/manifest.json). Per widget: the page's entry and the Vue app it
 * imports at once, each with its static imports, plus the widget's lazy chunk, its static
 * imports and its own lazy parts (files in the widget's folder, e.g. settings sections, and
 * the components its code loads lazily from other widgets' folders, all shown when the page
 * opens; not a library loaded on a click, nor a part loaded with `lazyPart`, which shows
 * only after a click, see scripts/lazy-parts.ts). The shared libraries' chunks (`sdk` and
 * `vendor`, see vite.config.ts) are counted apart: the browser fetches them once for every
 * placement. Libraries only some widgets use live in those widgets' chunks or in common
 * chunks between them, so they count in the widget's own JS.
 * Each chunk and CSS file counts once per placement, however many chunks import it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { manifest as widgets } from '../placements/manifest'
import { lazyPartSources } from './lazy-parts'

interface ManifestChunk {
  file: string
  src?: string
  name?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

type ViteManifest = Record<string, ManifestChunk>

const dist = process.env.SIZE_DIST ?? join(import.meta.dirname, '..', 'dist')
const manifestPath = join(dist, '.vite', 'manifest.json')
if (!existsSync(manifestPath)) {
  console.error(`No ${manifestPath}: run \`npx vite build\` first (npm run size does).`)
  process.exit(1)
}
const vite = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest

const gzipCache = new Map<string, number>()
function gzipSize(file: string): number {
  let size = gzipCache.get(file)
  if (size === undefined) {
    size = gzipSync(readFileSync(join(dist, file))).length
    gzipCache.set(file, size)
  }
  return size
}

/** Chunk keys reached through static imports (and, when asked, dynamic ones `lazy` accepts, given who imports them). */
function closure(start: string, lazy?: (key: string, importer: string) => boolean, seen = new Set<string>()): Set<string> {
  if (seen.has(start) || !vite[start]) return seen
  seen.add(start)
  const chunk = vite[start]!
  for (const key of chunk.imports ?? []) closure(key, lazy, seen)
  for (const key of chunk.dynamicImports ?? []) if (lazy?.(key, start)) closure(key, lazy, seen)
  return seen
}

/** A component a widget's own code loads lazily (a settings section's view, wherever it lives) is on screen when the page opens; a library it loads on a click (exceljs) is not. */
const isComponent = (key: string) => (vite[key]?.src ?? key).endsWith('.vue')

/** A part loaded with `lazyPart` shows only after a click (scripts/lazy-parts.ts): not in a tab's first JS. */
const clickParts = lazyPartSources(join(import.meta.dirname, '..'))
const isClickPart = (key: string) => clickParts.has(vite[key]?.src ?? key)

/** The libraries' chunks (vite.config.ts): the SDK's, which the page's entry loads, and Vue's and the kit's, which the app loads. */
const isVendor = (key: string) => ['sdk', 'vendor'].includes(vite[key]?.name ?? '')
const entryOf = (source: string) => {
  const key = Object.keys(vite).find((candidate) => vite[candidate]!.isEntry && vite[candidate]!.src === source)
  if (!key) throw new Error(`No entry chunk for ${source} in the manifest`)
  return key
}
/** The page's entry, which starts the frame's handshake, and the Vue app it imports at once. */
const entryKey = entryOf('index.html')
const appKey = entryOf('src/app.ts')

/** Issue 14's goals: all the JS of the first tab a person opens, and what each further tab adds once the shell is cached. */
const FIRST_TAB_GOAL = 230 * 1024
const FURTHER_TAB_GOAL = 30 * 1024

interface Row {
  placement: string
  widget: string
  /** Shell and widget JS, vendor apart. */
  js: number
  css: number
  vendor: number
  /** JS beyond the shell's (entry, vendor): what a further tab downloads with the shell in the browser's cache. */
  further: number
}

const pageStartKeys = closure(entryKey)
const shellKeys = closure(appKey, undefined, new Set(pageStartKeys))

function measure(keys: Set<string>): Omit<Row, 'placement' | 'widget'> {
  let js = 0
  let vendor = 0
  let further = 0
  const cssFiles = new Set<string>()
  for (const key of keys) {
    const chunk = vite[key]!
    if (isVendor(key)) vendor += gzipSize(chunk.file)
    else js += gzipSize(chunk.file)
    if (!shellKeys.has(key)) further += gzipSize(chunk.file)
    for (const css of chunk.css ?? []) cssFiles.add(css)
  }
  let css = 0
  for (const file of cssFiles) css += gzipSize(file)
  return { js, css, vendor, further }
}

/** `npm run size -- --detail next-steps,approvals`: those widgets' chunks beyond the shell, largest first. */
const detailArg = process.argv.indexOf('--detail')
const detailed = new Set(detailArg >= 0 ? (process.argv[detailArg + 1] ?? '').split(',') : [])
const details: string[] = []
function chunkList(widgetId: string, keys: Set<string>): string {
  const own = [...keys].filter((key) => !shellKeys.has(key)).map((key) => ({ key, size: gzipSize(vite[key]!.file) }))
  own.sort((a, b) => b.size - a.size)
  return [`${widgetId}, beyond the shell:`, ...own.map(({ key, size }) => `  ${(size / 1024).toFixed(1).padStart(6)} KB  ${key}`)].join('\n')
}

const rows: Row[] = []
const shell = measure(shellKeys)
rows.push({ placement: '(shell only)', widget: '—', ...shell })

/**
 * The source file a manifest entry loads, read from its `load` function's text
 * (`() => import('~widgets/approvals/DealApprovalTab.vue')`): several entries may share
 * one widget folder, so the id alone does not name the chunk.
 */
function loadedSource(load: () => unknown): string | undefined {
  const match = /~widgets\/([^'"`]+)/.exec(load.toString())
  return match ? `widgets/${match[1]}` : undefined
}

for (const widget of widgets) {
  const source = loadedSource(widget.load)
  // A file also imported statically elsewhere becomes a shared chunk (`_Name-hash.js`, no src).
  const baseName = source?.split('/').pop()?.replace(/\.\w+$/, '')
  const lazyKeys = [...shellKeys].flatMap((key) => vite[key]!.dynamicImports ?? [])
  const lazyKey = lazyKeys.find((key) => key === source) ?? lazyKeys.find((key) => key.startsWith('_') && vite[key]?.name === baseName)
  const folder = source ? source.slice(0, source.lastIndexOf('/') + 1) : `widgets/${widget.id}/`
  if (!lazyKey) {
    rows.push({ placement: widget.placement, widget: `${widget.id} (no chunk!)`, js: 0, css: 0, vendor: 0, further: 0 })
    continue
  }
  const keys = new Set(shellKeys)
  closure(lazyKey, (key, importer) => !isClickPart(key) && (key.startsWith(folder) || (importer.startsWith(folder) && isComponent(key))), keys)
  rows.push({ placement: widget.placement, widget: widget.id, ...measure(keys) })
  if (detailed.has(widget.id)) details.push(chunkList(widget.id, keys))
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const against = (bytes: number, goal: number) => `${kb(bytes)} ${bytes <= goal ? 'ok' : `+${kb(bytes - goal)}`}`
const header = ['Placement', 'Widget', 'Shell + own JS', 'Libraries JS (shared)', `First tab JS (≤ ${kb(FIRST_TAB_GOAL)})`, `Further tab JS (≤ ${kb(FURTHER_TAB_GOAL)})`, 'CSS']
const table = rows.map((row) => [
  row.placement,
  row.widget,
  kb(row.js),
  kb(row.vendor),
  against(row.js + row.vendor, FIRST_TAB_GOAL),
  row.widget === '—' ? '—' : against(row.further, FURTHER_TAB_GOAL),
  kb(row.css),
])
const widths = header.map((title, column) => Math.max(title.length, ...table.map((line) => line[column]!.length)))
const format = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ')

const vendorKeys = Object.keys(vite).filter(isVendor)
const vendorTotal = vendorKeys.reduce((sum, key) => sum + gzipSize(vite[key]!.file), 0)
const widgetRows = rows.slice(1)
const firstTabMet = widgetRows.filter((row) => row.js + row.vendor <= FIRST_TAB_GOAL).length
const furtherTabMet = widgetRows.filter((row) => row.further <= FURTHER_TAB_GOAL).length

console.log(`Gzipped size each placement loads (${manifestPath})\n`)
console.log(format(header))
console.log(widths.map((w) => '-'.repeat(w)).join('  '))
for (const line of table) console.log(format(line))
const pageStart = [...pageStartKeys].reduce((sum, key) => sum + gzipSize(vite[key]!.file), 0)
console.log(`\nShared libraries (${vendorKeys.map((key) => vite[key]!.file).join(', ')}): ${kb(vendorTotal)} gzipped, loaded once for all placements.`)
console.log(`Page start (the entry and its static imports, what the frame's handshake waits for): ${kb(pageStart)} gzipped.`)
console.log('First tab: everything the page loads when nothing is cached (libraries, shell, the widget). Further tab: what the widget adds once the libraries and the shell are cached.')
for (const detail of details) console.log(`\n${detail}`)
console.log(`Goals (issue 14): first tab ≤ ${kb(FIRST_TAB_GOAL)} met by ${firstTabMet} of ${widgetRows.length}; further tab ≤ ${kb(FURTHER_TAB_GOAL)} met by ${furtherTabMet} of ${widgetRows.length}.`)
