import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 14: a line the app draws itself has the kit's divider colour. Tailwind's `border` utilities set
// a width only, and its default colour is the text's: a card, a ladder step or a table rule drawn with
// `border` alone came out black, which nothing in Bitrix24 is.
const ROOTS = ['widgets', 'src', 'placements']
/** A width or side utility: `border`, `border-t`, `border-l-2`, `border-x-0`. */
const WIDTH = /^border(-[trblxyse])?(-\d+)?$/
/** A colour: the kit's (`border-default`), a token (`border-(--ui-…)`), a palette or arbitrary one. */
const COLOUR = /^border(-[trblxyse])?-(default|transparent|current|\(--[\w-]+\)|\[[^\]]+\]|[a-z]+-\d{2,3})$/

/** Class lists written out in a file: `class="…"` attributes and string literals that start with a border utility. */
function classLists(source: string): string[] {
  const attributes = [...source.matchAll(/\bclass="([^"]*)"/g)].map((match) => match[1]!)
  const literals = [...source.matchAll(/'((?:[\w:!-]+ )*border(?:-[trblxyse])?(?:-\d+)?(?: [^']*)?)'/g)].map((match) => match[1]!)
  return [...attributes, ...literals]
}

/** The class lists in `source` that draw a border without saying its colour. */
function uncolouredBorders(source: string): string[] {
  return classLists(source).filter((list) => {
    const tokens = list.split(/\s+/).map((token) => token.replace(/!$/, '').replace(/^[\w-]+:/, ''))
    return tokens.some((token) => WIDTH.test(token)) && !tokens.some((token) => COLOUR.test(token))
  })
}

function appFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return appFiles(path)
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : []
  })
}

describe('borders the app draws have the kit’s colour', () => {
  it('tells a border without a colour from one with', () => {
    expect(uncolouredBorders('<li class="border rounded px-2">')).toEqual(['border rounded px-2'])
    expect(uncolouredBorders('<tr class="border-b">')).toEqual(['border-b'])
    expect(uncolouredBorders('<li class="border-l-2 pl-2">')).toEqual(['border-l-2 pl-2'])
    expect(uncolouredBorders("const LINE = 'border-l pl-1'")).toEqual(['border-l pl-1'])
    expect(uncolouredBorders('<li class="border-l-2 border-default pl-2">')).toEqual([])
    expect(uncolouredBorders('<div class="rounded-md border border-(--ui-color-divider-default) p-3">')).toEqual([])
    expect(uncolouredBorders('<span class="rounded border border-gray-300">')).toEqual([])
    expect(uncolouredBorders('<table class="w-full border-collapse">')).toEqual([])
  })

  const files = ROOTS.flatMap(appFiles).sort()
  it.each(files)('%s draws no border without a colour', (path) => {
    expect(uncolouredBorders(readFileSync(path, 'utf8'))).toEqual([])
  })
})
