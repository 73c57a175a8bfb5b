import { fileURLToPath } from 'node:url'

/** What rolldown hands a chunk group's `name` function: the module graph as built. */
interface ChunkingContext {
  getModuleInfo(moduleId: string): { importedIds: readonly string[] } | null
}

const inNodeModules = /[\\/]node_modules[\\/]/

/** Modules `root` reaches through static imports, itself included. */
function staticallyReached(root: string, context: ChunkingContext): Set<string> {
  const reached = new Set<string>()
  const queue = [root]
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (reached.has(id)) continue
    reached.add(id)
    queue.push(...(context.getModuleInfo(id)?.importedIds ?? []))
  }
  return reached
}

/**
 * A chunk group's `name` function: the libraries `start` imports statically, in a chunk named `chunk`.
 * The page starts twice (vite.config.ts): the entry, with the SDK and the boot, runs first and starts
 * the frame's handshake; the Vue app it imports comes next. One vendor chunk for both made the
 * handshake wait for Vue and the kit. Rolldown's `$initial` tag cannot tell two entries apart, and
 * this walk must not pass through a library's index that re-exports every part of it (reka-ui's):
 * only the SDK's entry is walked, which imports nothing but the SDK.
 */
export function librariesReachedFrom(chunk: string, start: URL) {
  const reachedIn = new WeakMap<ChunkingContext, Set<string>>()
  return (moduleId: string, context: ChunkingContext): string | null => {
    if (!inNodeModules.test(moduleId)) return null
    let reached = reachedIn.get(context)
    if (!reached) {
      reached = staticallyReached(fileURLToPath(start), context)
      reachedIn.set(context, reached)
    }
    return reached.has(moduleId) ? chunk : null
  }
}
