/**
 * The parts the app loads with `lazyPart` (src/ui/lazy-part.ts): shown only after a person asks for
 * them (a page's tab, a dialog), so `npm run size` leaves them out of a tab's first JS. Read from the
 * sources, since a chunk shared with a static importer has no source path in the build manifest.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { sourcePath } from '../src/build/widget-preload'

const LAZY_PART = /lazyPart\(\s*\(\)\s*=>\s*import\(\s*['"]([^'"]+)['"]\s*\)\s*\)/g

/** The project-relative paths `source` (at `file`, project-relative) loads with `lazyPart`. */
export function lazyPartTargets(file: string, source: string): string[] {
  return [...source.matchAll(LAZY_PART)].map(([, specifier]) =>
    specifier!.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), specifier!)) : sourcePath(specifier!),
  )
}

/** Every `lazyPart` target under the app's folders of `root`. */
export function lazyPartSources(root: string, folders: readonly string[] = ['src', 'widgets', 'placements']): Set<string> {
  const targets = new Set<string>()
  for (const folder of folders) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(vue|ts)$/.test(entry) || entry.endsWith('.spec.ts')) continue
      const file = posix.join(folder, entry.split('\\').join('/'))
      for (const target of lazyPartTargets(file, readFileSync(join(root, file), 'utf8'))) targets.add(target)
    }
  }
  return targets
}
