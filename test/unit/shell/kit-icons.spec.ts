import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dictionaryEntries, namedIconImports, withNamedExports } from '@/build/kit-icons'

const runtime = 'node_modules/@bitrix24/b24ui-nuxt/dist/runtime'
const dictionary = readFileSync(join(runtime, 'dictionary/icons.js'), 'utf8')

describe('kit icons by name', () => {
  it('reads every key of the kit dictionary, shorthand ones too', () => {
    const entries = new Map(dictionaryEntries(dictionary))
    expect(entries.get('close')).toBe('CrossMIcon')
    expect(entries.get('loading')).toBe('LoaderWaitIcon')
    expect(entries.get('GitHubIcon')).toBe('GitHubIcon')
    expect(entries.size).toBeGreaterThan(40)
    expect(withNamedExports(dictionary)).toMatch(/export \{ [^}]*CrossMIcon as close,[^}]*GitHubIcon,/)
  })

  it('refuses a dictionary it cannot read rather than guess', () => {
    expect(() => dictionaryEntries('export default icons;')).toThrow(/kit-icons/)
    expect(() => dictionaryEntries('export default {\n  close: icons.x\n};')).toThrow(/unexpected entry/)
  })

  it('imports the keys a module reads, in its script and its compiled template', () => {
    const code = [
      'import { unref as _unref } from "vue";',
      'import icons from "../dictionary/icons";',
      'const trailing = props.trailingIcon ?? icons.chevronDown;',
      'const x = _unref(icons).close; const y = unref(icons).check; const z = props.icons.other;',
    ].join('\n')
    expect(namedIconImports(code)).toBe(
      [
        'import { unref as _unref } from "vue";',
        'import { check as __b24icon_check, chevronDown as __b24icon_chevronDown, close as __b24icon_close } from "../dictionary/icons";',
        'const trailing = props.trailingIcon ?? __b24icon_chevronDown;',
        'const x = __b24icon_close; const y = __b24icon_check; const z = props.icons.other;',
      ].join('\n'),
    )
  })

  it('leaves a module that uses the dictionary any other way', () => {
    expect(namedIconImports('import icons from "../dictionary/icons.js";\nexport const f = (name) => icons[name];')).toBeNull()
    expect(namedIconImports('import icons from "../dictionary/icons";\nconst all = icons; const c = icons.close;')).toBeNull()
    expect(namedIconImports('import { h } from "vue";\nconst icons = {}; icons.close;')).toBeNull()
  })

  it('names only keys the dictionary has, in every kit module that imports it by key', () => {
    const keys = new Set(dictionaryEntries(dictionary).map(([key]) => key))
    let rewritten = 0
    for (const file of readdirSync(runtime, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(vue|js)$/.test(file) || file.startsWith('dictionary')) continue
      const named = namedIconImports(readFileSync(join(runtime, file), 'utf8'))
      if (named === null) continue
      rewritten++
      const imported = /import \{ ([^}]*) \} from "(?:\.\.\/)+dictionary\/icons(?:\.js)?"/.exec(named)![1]!
      for (const part of imported.split(', ')) expect(keys, `${file}: ${part}`).toContain(part.split(' as ')[0])
    }
    expect(rewritten).toBeGreaterThan(40)
  })
})
