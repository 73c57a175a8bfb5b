import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { GatewayErrorKind } from '@/b24/gateway'
import { en } from '@/ui/locales/en'
import { ru } from '@/ui/locales/ru'

/*
 * Every message key the app's code names exists in Russian and in English, and no Russian
 * text is empty: a key missing from a locale would reach the screen as the key itself.
 * Keys are read from the source: `t('a.b')`, `$t('a.b')`, the static head of
 * `t(`a.${x}`)` (which must name a group), and quoted keys handed around as data
 * (`'kosLead.dateRequired'`, `'errors.access'`) whose first part is a group of the file's messages.
 */

type Tree = { [key: string]: string | Tree }
type Bundle = { ru: Tree; en: Tree }

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const SOURCE_DIRS = ['src', 'widgets', 'placements']
const GLOBAL: Bundle = { ru: ru as unknown as Tree, en: en as unknown as Tree }

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name) ? [path] : []
  })
}

const ALIASES: Record<string, string> = { '@/': 'src/', '~widgets/': 'widgets/', '~placements/': 'placements/' }

function resolveImport(from: string, specifier: string): string {
  const alias = Object.keys(ALIASES).find((prefix) => specifier.startsWith(prefix))
  const path = alias ? join(ALIASES[alias]!, specifier.slice(alias.length)) : join(dirname(from), specifier)
  return `${path}.ts`
}

const isBundle = (value: unknown): value is Bundle =>
  typeof value === 'object' && value !== null && typeof (value as Bundle).ru === 'object' && typeof (value as Bundle).en === 'object'

async function bundlesOf(modulePath: string): Promise<Bundle[]> {
  const exported = (await import(/* @vite-ignore */ join(ROOT, modulePath))) as Record<string, unknown>
  return Object.values(exported).filter(isBundle)
}

/** The messages a file's `t` reads besides the shell's: imported `*messages` modules and an inline `messages: { ru, en }`. */
async function scopeOf(file: string, text: string, all: string[]): Promise<Bundle[]> {
  const imported = [...text.matchAll(/from '([^']*messages)'/g)].map((match) => resolveImport(file, match[1]!))
  // A plain .ts helper gets `t` from its widget's components: any messages file of that widget.
  const widget = file.match(/^widgets\/[^/]+\//)?.[0]
  const siblings = file.endsWith('.ts') && widget ? all.filter((path) => path.startsWith(widget) && /messages\.ts$/.test(path)) : []
  const bundles = (await Promise.all([...new Set([...imported, ...siblings])].map(bundlesOf))).flat()
  const inline = text.match(/useI18n\(\{\s*messages:\s*(\{[\s\S]*?\n {2}\}),?\s*\n\}\)/)
  if (inline) bundles.push(new Function(`return (${inline[1]})`)() as Bundle)
  return bundles
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  return key.split('.').reduce<string | Tree | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), tree)
}

/** Where a key is found: the file's own messages first, then the shell's (as vue-i18n falls back to the root). */
function resolveIn(scope: Bundle[], lang: 'ru' | 'en', key: string): string | Tree | undefined {
  for (const bundle of [...scope, GLOBAL]) {
    const found = lookup(bundle[lang], key)
    if (found !== undefined) return found
  }
  return undefined
}

interface KeyUse {
  file: string
  key: string
  /** `group`: the static head of a template key, which must be a group of texts. */
  kind: 'text' | 'group' | 'data'
}

function keyUses(file: string, text: string): KeyUse[] {
  const uses: KeyUse[] = []
  for (const match of text.matchAll(/(?<![\w.])\$?t\(\s*'([^']+)'/g)) uses.push({ file, key: match[1]!, kind: 'text' })
  for (const match of text.matchAll(/(?<![\w.])\$?t\(\s*`([^`$]*)\$\{/g)) {
    const head = match[1]!.replace(/\.$/, '')
    if (head !== '') uses.push({ file, key: head, kind: 'group' })
  }
  // A module name (`from 'chart.js'`, `import('chart.js')`) is no text, whatever messages group it looks like.
  // A REST method named as such (`method: 'app.info'`) is no text, even where its head is a group of texts.
  for (const match of text.matchAll(/(?<!(?:\bfrom|\bimport\(|\bmethod:)\s*)'([a-zA-Z]+(?:\.[\w-]+)+)'/g)) uses.push({ file, key: match[1]!, kind: 'data' })
  return uses
}

function problemsOf(use: KeyUse, scope: Bundle[]): string[] {
  const parent = use.key.slice(0, use.key.lastIndexOf('.'))
  // A quoted dotted string (not a REST method like `app.option.get`) counts as a key only when its parent is a group of texts.
  if (use.kind === 'data' && !(['ru', 'en'] as const).some((lang) => typeof resolveIn(scope, lang, parent) === 'object')) return []
  return (['ru', 'en'] as const).flatMap((lang) => {
    const found = resolveIn(scope, lang, use.key)
    const ok = use.kind === 'group' ? typeof found === 'object' : typeof found === 'string' && (lang === 'en' || found.trim() !== '')
    return ok ? [] : [`${use.file}: ${use.key} (${lang}${found === '' ? ', empty' : ''})`]
  })
}

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`)))
}

describe('message keys', () => {
  it('tells a key missing from a locale, an empty Russian text and a template head that is not a group', () => {
    const scope: Bundle[] = [{ ru: { a: { b: 'текст', empty: ' ' } }, en: { a: { b: 'text', empty: 'x' } } }]
    expect(problemsOf({ file: 'f.vue', key: 'a.b', kind: 'text' }, scope)).toEqual([])
    expect(problemsOf({ file: 'f.vue', key: 'a.c', kind: 'text' }, scope)).toEqual(['f.vue: a.c (ru)', 'f.vue: a.c (en)'])
    expect(problemsOf({ file: 'f.vue', key: 'a.empty', kind: 'text' }, scope)).toEqual(['f.vue: a.empty (ru)'])
    expect(problemsOf({ file: 'f.vue', key: 'a.b', kind: 'group' }, scope)).toHaveLength(2)
    expect(problemsOf({ file: 'f.ts', key: 'a.gone', kind: 'data' }, scope)).toHaveLength(2)
    expect(problemsOf({ file: 'f.ts', key: 'app.option.get', kind: 'data' }, scope)).toEqual([])
    expect(keyUses('f.vue', "t('x.y') $t(`z.${k}`) crm('a.b')")).toEqual([
      { file: 'f.vue', key: 'x.y', kind: 'text' },
      { file: 'f.vue', key: 'z', kind: 'group' },
      { file: 'f.vue', key: 'x.y', kind: 'data' },
      { file: 'f.vue', key: 'a.b', kind: 'data' },
    ])
    expect(keyUses('f.ts', "import type { Chart } from 'chart.js'; const m = import('chart.js')")).toEqual([])
  })

  const files = SOURCE_DIRS.flatMap(sourceFiles).map((path) => relative(ROOT, join(ROOT, path)))

  it('every key the code names is in ru and en, and no ru text is empty', async () => {
    const missing: string[] = []
    let checked = 0
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8')
      const uses = keyUses(file, text)
      if (uses.length === 0) continue
      const scope = await scopeOf(file, text, files)
      for (const use of uses) {
        if (use.kind !== 'data') checked += 1
        missing.push(...problemsOf(use, scope))
      }
    }
    expect(checked).toBeGreaterThan(300)
    expect(missing, `missing or empty message keys:\n${missing.join('\n')}`).toEqual([])
  })

  it('every kind of portal failure has its message (GatewayError.messageKey)', () => {
    const kinds: Record<GatewayErrorKind, true> = { access: true, notFound: true, limit: true, network: true, expired: true, conflict: true, unknown: true }
    const missing = Object.keys(kinds).flatMap((kind) => problemsOf({ file: 'errors.ts', key: `errors.${kind}`, kind: 'text' }, []))
    expect(missing).toEqual([])
  })

  it('every messages file has the same keys in ru and en, with no empty ru text', async () => {
    const problems: string[] = []
    const messageFiles = files.filter((path) => /(messages|locales\/ru)\.ts$/.test(path))
    expect(messageFiles.length).toBeGreaterThan(8)
    for (const file of messageFiles) {
      const bundles = file.endsWith('locales/ru.ts') ? [GLOBAL] : await bundlesOf(file)
      for (const bundle of bundles) {
        const ruKeys = new Map(leaves(bundle.ru))
        const enKeys = new Set(leaves(bundle.en).map(([key]) => key))
        for (const [key, value] of ruKeys) {
          if (value.trim() === '') problems.push(`${file}: ${key} (ru, empty)`)
          if (!enKeys.has(key)) problems.push(`${file}: ${key} (en, missing)`)
        }
        for (const key of enKeys) if (!ruKeys.has(key)) problems.push(`${file}: ${key} (ru, missing)`)
      }
    }
    expect(problems, `locale mismatches:\n${problems.join('\n')}`).toEqual([])
  })
})
