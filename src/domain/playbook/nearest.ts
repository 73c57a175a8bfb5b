import type { LocalizedText } from '@/domain/fields/types'
import { normalizeName } from './schema'

/** Edits (insert, delete, replace) between two strings. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i]
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}

/** The candidate closest to `name` (names compared as the playbook matches them), or null if there is none. */
export function nearestName(name: string, candidates: readonly string[]): string | null {
  const wanted = normalizeName(name)
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const d = distance(wanted, normalizeName(candidate))
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}

/** « Ближайшая: «X»» in each language, or nothing when there is nothing to suggest. */
export function nearestHint(name: string, candidates: readonly string[], gender: 'f' | 'n' = 'n'): LocalizedText {
  const nearest = nearestName(name, candidates)
  if (nearest === null) return { ru: '', en: '' }
  return { ru: `. ${gender === 'f' ? 'Ближайшая' : 'Ближайшее'}: «${nearest}»`, en: `. The nearest: «${nearest}»` }
}
