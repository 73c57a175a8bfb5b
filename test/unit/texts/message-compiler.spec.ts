// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { compile } from '@intlify/core-base'
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { en } from '@/ui/locales/en'
import { ru } from '@/ui/locales/ru'
import { compileMessage, messageParts } from '@/ui/message-compiler'

/*
 * The build leaves vue-i18n's message compiler out and the app compiles its texts itself
 * (src/ui/message-compiler.ts). Every text of the app — the shell's locales, every `*messages.ts`
 * bundle and every component's inline `useI18n({ messages })` — renders the same with both.
 */

const SOURCE_DIRS = ['src', 'widgets', 'placements']

function sourcePaths(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourcePaths(path)
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') ? [path] : []
  })
}

function texts(tree: unknown): string[] {
  if (typeof tree === 'string') return [tree]
  return tree && typeof tree === 'object' ? Object.values(tree).flatMap(texts) : []
}

const isBundle = (value: unknown): boolean => typeof value === 'object' && value !== null && 'ru' in value && 'en' in value

async function appTexts(): Promise<string[]> {
  const found = [...texts(ru), ...texts(en)]
  for (const path of SOURCE_DIRS.flatMap(sourcePaths)) {
    if (path.endsWith('messages.ts')) {
      const exported = (await import(/* @vite-ignore */ join(process.cwd(), path))) as Record<string, unknown>
      found.push(...Object.values(exported).filter(isBundle).flatMap(texts))
    }
    const inline = readFileSync(path, 'utf8').match(/useI18n\(\{\s*messages:\s*(\{[\s\S]*?\n {2}\}),?\s*\n\}\)/)
    if (inline) found.push(...texts(new Function(`return (${inline[1]})`)()))
  }
  return [...new Set(found)]
}

/** Each text rendered by vue-i18n with the given compiler; a text the compiler refuses gives `null`. */
function renderAll(all: string[], messageCompiler: typeof compileMessage, params: Record<string, string>): (string | null)[] {
  const messages = Object.fromEntries(all.map((text, index) => [`m${index}`, text]))
  const i18n = createI18n({ legacy: false, locale: 'ru', messages: { ru: messages }, messageCompiler, missingWarn: false, fallbackWarn: false })
  return all.map((_, index) => {
    try {
      return i18n.global.t(`m${index}`, params)
    } catch {
      return null
    }
  })
}

describe('the app’s message compiler', () => {
  it('reads placeholders as vue-i18n does', () => {
    expect(messageParts('Выполнено {done} из {total}')).toEqual(['Выполнено ', { named: 'done' }, ' из ', { named: 'total' }])
    expect(messageParts('{ name }, {0}!')).toEqual([{ named: 'name' }, ', ', { list: 0 }, '!'])
    expect(messageParts('')).toEqual([''])
    expect(messageParts('Ожидается объект { … }')).toEqual(['Ожидается объект { … }'])
  })

  it('renders every text of the app as vue-i18n’s own compiler does', { timeout: 60_000 }, async () => {
    const all = await appTexts()
    expect(all.length).toBeGreaterThan(1000)
    const names = new Set(all.flatMap(messageParts).flatMap((part) => (typeof part === 'object' && 'named' in part ? [part.named] : [])))
    const params = Object.fromEntries([...names].map((name) => [name, `‹${name}›`]))
    const theirs = renderAll(all, compile as typeof compileMessage, params)
    const ours = renderAll(all, compileMessage, params)
    const differ = all.filter((text, index) => theirs[index] !== null && theirs[index] !== ours[index])
    expect(differ).toEqual([])
    // A text vue-i18n's compiler throws on (braces around no name) is shown as it is written.
    const refused = all.filter((_, index) => theirs[index] === null)
    expect(refused.map((text) => ours[all.indexOf(text)])).toEqual(refused)
  })
})
