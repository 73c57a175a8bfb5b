// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { librariesReachedFrom } from '@/build/chunk-groups'

describe('the SDK chunk', () => {
  it('takes the libraries the entry reaches statically, and leaves Vue, the kit and lazy libraries to the other groups', () => {
    const graph: Record<string, string[]> = {
      '/app/src/main.ts': ['/app/src/shell/boot.ts'],
      '/app/src/shell/boot.ts': ['/app/node_modules/sdk/index.mjs', '/app/placements/manifest.ts'],
      '/app/node_modules/sdk/index.mjs': ['/app/node_modules/axios/index.js'],
      '/app/node_modules/axios/index.js': [],
      // The manifest imports its widgets lazily: nothing of theirs is reached.
      '/app/placements/manifest.ts': [],
      '/app/src/app.ts': ['/app/node_modules/vue/index.js', '/app/src/shell/boot.ts'],
      '/app/node_modules/vue/index.js': [],
    }
    let reads = 0
    const context = {
      getModuleInfo: (id: string) => {
        reads += 1
        return graph[id] ? { importedIds: graph[id]! } : null
      },
    }
    const name = librariesReachedFrom('sdk', new URL('file:///app/src/main.ts'))
    expect(name('/app/node_modules/sdk/index.mjs', context)).toBe('sdk')
    expect(name('/app/node_modules/axios/index.js', context)).toBe('sdk')
    expect(name('/app/node_modules/vue/index.js', context)).toBeNull()
    // The app's own modules stay where rolldown puts them, even those the entry imports.
    expect(name('/app/src/shell/boot.ts', context)).toBeNull()
    // The graph is walked once per build.
    expect(reads).toBe(5)
  })
})
