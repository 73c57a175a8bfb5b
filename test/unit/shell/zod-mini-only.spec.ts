// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Issue 14 (speed): the app's schemas use zod/mini. One import of zod's classic API (`'zod'`,
// `'zod/v4'`) anywhere the browser loads brings its chained methods and English locale back
// into every tab (about 15 KB gzipped); `zod/mini`, `zod/locales` and type-only imports are fine.
const ROOTS = ['src', 'widgets', 'placements']
const CLASSIC = /^import\s+(?!type\b)[^'"]*from\s+['"]zod(\/v4)?['"]/m

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : []
  })
}

describe('schemas use zod/mini', () => {
  it('tells a classic zod import from the allowed ones', () => {
    expect(CLASSIC.test("import { z } from 'zod'")).toBe(true)
    expect(CLASSIC.test("import * as z from 'zod/v4'")).toBe(true)
    expect(CLASSIC.test("import { z } from 'zod/mini'")).toBe(false)
    expect(CLASSIC.test("import { en, ru } from 'zod/locales'")).toBe(false)
    expect(CLASSIC.test("import type { z } from 'zod'")).toBe(false)
  })

  it('no file the browser loads imports zod’s classic API', () => {
    const files = ROOTS.flatMap(sourceFiles)
    expect(files.length).toBeGreaterThan(100)
    expect(files.filter((file) => CLASSIC.test(readFileSync(file, 'utf8')))).toEqual([])
  })
})
