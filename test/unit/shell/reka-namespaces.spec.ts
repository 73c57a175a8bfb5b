// @vitest-environment node
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { namespaceMembers, namespaceModule, rewriteNamespacedImports } from '@/build/reka-namespaces'

const index = `import { DateFieldInput, DateFieldRoot, PopoverRoot, PopoverContent } from 'reka-ui';
export { Label } from 'reka-ui';

const DateField = {
  Input: DateFieldInput,
  Root: DateFieldRoot
};
const Popover = {
  Root: PopoverRoot,
  Content: PopoverContent
};

export { DateField, Popover };
`

describe('reka-ui namespaces one module each', () => {
  it('reads every namespace of the index with its members', () => {
    const namespaces = namespaceMembers(index)
    expect([...namespaces.keys()]).toEqual(['DateField', 'Popover'])
    expect(namespaces.get('Popover')).toEqual([['Root', 'PopoverRoot'], ['Content', 'PopoverContent']])
    expect(namespaceModule(namespaces.get('DateField')!)).toBe("export { DateFieldInput as Input, DateFieldRoot as Root } from 'reka-ui'\n")
  })

  it('rewrites a kit component\'s import into one namespace import per part, keeping local names', () => {
    const code = 'import { ref } from "vue";\nimport { DateField as SingleDateField, Popover, Label } from "reka-ui/namespaced";\nconst x = SingleDateField.Root'
    expect(rewriteNamespacedImports(code, new Set(['DateField', 'Popover']))).toBe(
      'import { ref } from "vue";\n'
      + 'import * as SingleDateField from "virtual:reka-namespace/DateField";\n'
      + 'import * as Popover from "virtual:reka-namespace/Popover";\n'
      + 'import { Label } from "reka-ui";\n'
      + 'const x = SingleDateField.Root',
    )
    expect(rewriteNamespacedImports('import { ref } from "vue"', new Set(['DateField']))).toBeNull()
  })

  it('finds the namespaces the kit imports in the installed reka-ui', () => {
    const require = createRequire(import.meta.url)
    const namespaces = namespaceMembers(readFileSync(require.resolve('reka-ui/namespaced').replace(/\.cjs$/, '.mjs'), 'utf8'))
    for (const name of ['DateField', 'DateRangeField', 'Popover', 'HoverCard', 'Combobox', 'DropdownMenu', 'Calendar', 'TimeField']) {
      expect(namespaces.get(name)?.map(([member]) => member)).toContain('Root')
    }
  })
})
