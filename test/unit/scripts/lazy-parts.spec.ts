// @vitest-environment node
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lazyPartSources, lazyPartTargets } from '../../../scripts/lazy-parts'

describe('parts loaded with lazyPart, as npm run size reads them', () => {
  it('resolves relative and aliased specifiers from the importing file', () => {
    const source = [
      "const A = lazyPart(() => import('./parts/A.vue'))",
      "const B = lazyPart( () => import(\"../shared/B.vue\") )",
      "const C = lazyPart(() => import('@/ui/C.vue'))",
      "const D = lazyPart(() => import('~widgets/other/D.vue'))",
      "const E = defineAsyncComponent(() => import('./E.vue'))",
    ].join('\n')
    expect(lazyPartTargets('widgets/approvals/ApprovalsInbox.vue', source)).toEqual([
      'widgets/approvals/parts/A.vue',
      'widgets/shared/B.vue',
      'src/ui/C.vue',
      'widgets/other/D.vue',
    ])
  })

  it('finds the inbox\'s trip form in the project and no spec file', () => {
    const found = lazyPartSources(join(import.meta.dirname, '..', '..', '..'))
    expect(found.has('widgets/approvals/parts/TripRequestForm.vue')).toBe(true)
    expect([...found].every((path) => /\.(vue|ts)$/.test(path) && !path.includes('spec'))).toBe(true)
  })
})
