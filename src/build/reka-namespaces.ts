import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'

/**
 * The kit takes some reka-ui parts as namespace objects (`import { DateField } from
 * "reka-ui/namespaced"`, then `<DateField.Root>`). That index is one module holding every
 * namespace, so whatever any kit component takes from it (the date field, the combobox, the
 * popover, the dropdown) lands in one shared chunk, and a tab with only a date input loaded
 * them all. Each such import is rewritten into a namespace import of a module of its own
 * (`import * as DateField from "virtual:reka-namespace/DateField"`, which re-exports
 * `DateFieldRoot as Root` and so on from reka-ui), so a tab loads only the parts it renders.
 */

const NAMESPACED = 'reka-ui/namespaced'
const VIRTUAL_PREFIX = 'virtual:reka-namespace/'
const RESOLVED_PREFIX = '\0' + VIRTUAL_PREFIX

/** Each namespace of reka-ui's namespaced index (`const DateField = { Root: DateFieldRoot, … }`) with its members. */
export function namespaceMembers(indexSource: string): Map<string, Array<[member: string, exportName: string]>> {
  const namespaces = new Map<string, Array<[string, string]>>()
  for (const [, name, body] of indexSource.matchAll(/^const (\w+) = \{([^}]*)\};/gm)) {
    const members = [...body!.matchAll(/(\w+): (\w+)/g)].map(([, member, exportName]) => [member!, exportName!] as [string, string])
    namespaces.set(name!, members)
  }
  return namespaces
}

const namedImport = /import\s*\{([^}]*)\}\s*from\s*["']reka-ui\/namespaced["'];?/g

/**
 * `import { A as B, C } from "reka-ui/namespaced"` as namespace imports of per-namespace modules;
 * a name that is not a namespace (the index re-exports a few plain components) is imported from
 * reka-ui itself. Null when the code does not import the namespaced index.
 */
export function rewriteNamespacedImports(code: string, namespaces: Pick<ReadonlySet<string>, 'has'>): string | null {
  if (!code.includes(NAMESPACED)) return null
  return code.replace(namedImport, (_statement, specifiers: string) =>
    specifiers
      .split(',')
      .map((specifier) => specifier.trim())
      .filter(Boolean)
      .map((specifier) => {
        const [imported, local = imported] = specifier.split(/\s+as\s+/) as [string, string?]
        return namespaces.has(imported)
          ? `import * as ${local} from "${VIRTUAL_PREFIX}${imported}";`
          : `import { ${imported === local ? imported : `${imported} as ${local}`} } from "reka-ui";`
      })
      .join('\n'),
  )
}

/** The module standing for one namespace: its members re-exported from reka-ui under their short names. */
export function namespaceModule(members: ReadonlyArray<readonly [string, string]>): string {
  return `export { ${members.map(([member, exportName]) => `${exportName} as ${member}`).join(', ')} } from 'reka-ui'\n`
}

export function rekaNamespaces(): Plugin {
  let namespaces: Map<string, Array<[string, string]>> | undefined
  const readNamespaces = () => {
    if (!namespaces) {
      const require = createRequire(import.meta.url)
      const indexPath = require.resolve(NAMESPACED).replace(/\.cjs$/, '.mjs')
      namespaces = namespaceMembers(readFileSync(indexPath, 'utf8'))
      if (namespaces.size === 0) throw new Error(`reka-namespaces: no namespace found in ${indexPath}; has reka-ui's namespaced index changed shape?`)
    }
    return namespaces
  }
  return {
    name: 'b24:reka-namespaces',
    enforce: 'pre',
    resolveId(id) {
      return id.startsWith(VIRTUAL_PREFIX) ? '\0' + id : null
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return null
      const name = id.slice(RESOLVED_PREFIX.length)
      const members = readNamespaces().get(name)
      if (!members) throw new Error(`reka-namespaces: reka-ui has no namespace ${name}`)
      return namespaceModule(members)
    },
    transform(code, id) {
      if (!id.includes('/@bitrix24/b24ui-nuxt/') || !id.split('?')[0]!.endsWith('.vue')) return null
      const rewritten = rewriteNamespacedImports(code, readNamespaces())
      return rewritten === null ? null : { code: rewritten, map: null }
    },
  }
}
