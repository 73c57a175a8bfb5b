import type { Plugin } from 'vite'

/*
 * The kit's components take their default icons (a close cross, a chevron, a spinner) from one
 * dictionary, `runtime/dictionary/icons.js`: its default export is an object of ~50 icons, and
 * a component reads `icons.close`. A bundler cannot drop the properties of an object no one reads,
 * so the first kit component the shell loads (Toast, Alert, Button) brought every icon into the
 * vendor chunk, brand logos included (~9 KB gzipped). This plugin turns each such read into an
 * import of that one icon: the dictionary gains a named export per key, and a kit module whose
 * every use of the dictionary is `icons.<key>` (or `unref(icons).<key>` in a compiled template)
 * imports those keys by name instead. A module that uses the dictionary any other way is left
 * as it is, and with it the whole dictionary: nothing a component shows is lost.
 */

const DICTIONARY = /[\\/]@bitrix24[\\/]b24ui-nuxt[\\/]dist[\\/]runtime[\\/]dictionary[\\/]icons\.js$/
const KIT_RUNTIME = /[\\/]@bitrix24[\\/]b24ui-nuxt[\\/]dist[\\/]runtime[\\/]/

/** The dictionary's keys and the local names they stand for, from `export default { key: Name, … }`. */
export function dictionaryEntries(code: string): Array<[key: string, local: string]> {
  const body = /export default \{([^}]*)\};?\s*$/.exec(code)?.[1]
  if (!body) throw new Error('kit-icons: the kit icon dictionary no longer ends in `export default { key: Icon, … }`')
  const entries: Array<[string, string]> = []
  for (const line of body.split('\n')) {
    const text = line.replace(/\/\/.*$/, '').trim().replace(/,$/, '')
    if (text === '') continue
    // `close: CrossMIcon`, or a shorthand `GitHubIcon`.
    const match = /^([A-Za-z_$][\w$]*)(?::\s*([A-Za-z_$][\w$]*))?$/.exec(text)
    if (!match) throw new Error(`kit-icons: unexpected entry in the kit icon dictionary: ${text}`)
    entries.push([match[1]!, match[2] ?? match[1]!])
  }
  return entries
}

/** The dictionary with a named export per key beside its default one. */
export function withNamedExports(code: string): string {
  const named = dictionaryEntries(code).map(([key, local]) => (key === local ? key : `${local} as ${key}`))
  return `${code}\nexport { ${named.join(', ')} };\n`
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A kit module's default import of the dictionary turned into named imports of the keys it
 * reads; `null` when it has none, or uses the dictionary other than by `icons.<key>`.
 */
export function namedIconImports(code: string): string | null {
  const importLine = /^import ([A-Za-z_$][\w$]*) from (["'])((?:\.\.?\/)+dictionary\/icons(?:\.js)?)\2;?[ \t]*$/m.exec(code)
  if (!importLine) return null
  const [line, local, , source] = importLine as unknown as [string, string, string, string]
  const rest = code.slice(0, importLine.index) + code.slice(importLine.index + line.length)
  const name = escape(local)
  // `icons.close`, or `_unref(icons).close` / `unref(icons).close` in a compiled template.
  const read = new RegExp(`(?<![\\w$.])(?:(?:_?unref)\\(${name}\\)|${name})\\.([A-Za-z_$][\\w$]*)`, 'g')
  const keys = new Set<string>()
  const rewritten = rest.replace(read, (_, key: string) => {
    keys.add(key)
    return `__b24icon_${key}`
  })
  // Any other mention (the object passed on, an index by a variable) keeps the dictionary whole.
  if (new RegExp(`(?<![\\w$.])${name}(?![\\w$])`).test(rewritten) || keys.size === 0) return null
  const imports = [...keys].sort().map((key) => `${key} as __b24icon_${key}`).join(', ')
  return `${code.slice(0, importLine.index)}import { ${imports} } from ${JSON.stringify(source)};${rewritten.slice(importLine.index)}`
}

export function kitIcons(): Plugin {
  return {
    name: 'b24:kit-icons',
    apply: 'build',
    // After @vitejs/plugin-vue: a component's template is compiled into its script by then.
    enforce: 'post',
    transform(code, id) {
      const path = id.split('?')[0]!
      if (!KIT_RUNTIME.test(path)) return null
      if (DICTIONARY.test(path)) return { code: withNamedExports(code), map: null }
      const named = namedIconImports(code)
      return named === null ? null : { code: named, map: null }
    },
  }
}
