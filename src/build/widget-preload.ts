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

/** What the plugin needs of a built chunk (Rollup's OutputChunk). */
export interface BuiltChunk {
  type: 'chunk'
  fileName: string
  isEntry: boolean
  /** Modules in the chunk: a widget also imported statically elsewhere shares a chunk it is not the facade of. */
  moduleIds: string[]
  imports: string[]
}

type Bundle = Record<string, BuiltChunk | { type: 'asset' }>

function staticClosure(bundle: Bundle, fileName: string, seen: Set<string>): Set<string> {
  const chunk = bundle[fileName]
  if (seen.has(fileName) || chunk?.type !== 'chunk') return seen
  seen.add(fileName)
  for (const imported of chunk.imports) staticClosure(bundle, imported, seen)
  return seen
}

/**
 * Widget id → chunk files to preload: the chunk holding the widget and its static
 * imports, less what the entry loads anyway (Vite preloads those already).
 */
export function widgetPreloads(bundle: Bundle, sources: Record<string, string>, root: string): Record<string, string[]> {
  const chunks = Object.values(bundle).filter((item): item is BuiltChunk => item.type === 'chunk')
  const shell = new Set<string>()
  for (const chunk of chunks) if (chunk.isEntry) staticClosure(bundle, chunk.fileName, shell)
  const sourceOf = (moduleId: string) => relative(root, moduleId).split('\\').join('/')
  const preloads: Record<string, string[]> = {}
  for (const [id, source] of Object.entries(sources)) {
    const chunk = chunks.find((candidate) => candidate.moduleIds.some((moduleId) => sourceOf(moduleId) === source))
    if (!chunk) throw new Error(`widget-preload: no chunk built for ${id} (${source})`)
    preloads[id] = [...staticClosure(bundle, chunk.fileName, new Set())].filter((file) => !shell.has(file))
  }
  return preloads
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
 * The script goes right before the entry's `<script type="module">`: ahead of the stylesheet
 * (a classic script after one waits for it) and after `<meta charset>`, which must stay
 * within the page's first 1024 bytes.
 */
export function injectBeforeEntry(html: string, script: string): string {
  const entry = /(\n?[ \t]*)<script type="module"/
  if (!entry.test(html)) throw new Error('widget-preload: no <script type="module"> in index.html')
  return html.replace(entry, (_match, indent: string) => `${indent}<script>${script}</script>${indent}<script type="module"`)
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
        if (!context.bundle) return
        const preloads = widgetPreloads(context.bundle as unknown as Bundle, widgetSources(readFileSync(manifestFile, 'utf8')), root)
        return injectBeforeEntry(html, preloadScript(preloads, base))
      },
    },
  }
}
