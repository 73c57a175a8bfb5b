import { allStatusLevels, GENERAL_LADDER, SECTORS_1_2_LADDER, type LadderCode } from '@/domain/client-profile/status-ladder'
import type { ClientStatus } from '@/domain/client-profile/status-transitions'
import type { LocalizedText } from '@/domain/fields/types'

/*
 * Committee report «Клиенты по ступеням статуса» (seed Kosino «Отчётность», issue 15): how many
 * clients stand on each step of the status ladder now. Every level of both ladders is a row (a
 * step nobody stands on shows 0, so the ladder reads whole), its sub-statuses follow it when
 * someone stands on them. «Не активен» is a flag over the ladder: a deactivated client is
 * counted there only. A company whose status the read could not name is counted apart.
 */

export interface ClientStepRow {
  /** level code, `level/sub-status`, `INACTIVE` or `UNKNOWN` */
  key: string
  depth: 0 | 1
  label: LocalizedText
  /** the ladder the level belongs to; null for «Новый» (both start with it) and the rows apart */
  ladder: LadderCode | null
  count: number
}

export interface ClientSteps {
  rows: ClientStepRow[]
  /** every company counted once: the level rows, «Не активен» and the unknown ones add up to it */
  total: number
}

const INACTIVE: LocalizedText = { ru: 'Не активен', en: 'Inactive' }
const UNKNOWN: LocalizedText = { ru: 'Статус не прочитан', en: 'Status not readable' }
const NO_DETAIL: LocalizedText = { ru: 'Без детализации', en: 'No detail' }

function ladderOf(levelCode: string): LadderCode | null {
  if (levelCode === 'NEW') return null
  return SECTORS_1_2_LADDER.levels.some((level) => level.code === levelCode) ? SECTORS_1_2_LADDER.code : GENERAL_LADDER.code
}

/** `statuses`: each company's current status, null when it could not be read (see `companyStatusOf`). */
export function clientsByStep(statuses: Iterable<ClientStatus | null>): ClientSteps {
  const byLevel = new Map<string, number>()
  const bySub = new Map<string, number>()
  let inactive = 0
  let unknown = 0
  let total = 0
  for (const status of statuses) {
    total++
    if (status === null) unknown++
    else if (status.inactive) inactive++
    else {
      byLevel.set(status.level, (byLevel.get(status.level) ?? 0) + 1)
      const sub = `${status.level}/${status.subStatus ?? ''}`
      bySub.set(sub, (bySub.get(sub) ?? 0) + 1)
    }
  }
  const rows: ClientStepRow[] = []
  const known = new Set<string>()
  for (const level of allStatusLevels()) {
    known.add(level.code)
    rows.push({ key: level.code, depth: 0, label: level.label, ladder: ladderOf(level.code), count: byLevel.get(level.code) ?? 0 })
    if (level.subStatuses.length === 0) continue
    for (const sub of level.subStatuses) {
      const count = bySub.get(`${level.code}/${sub.code}`) ?? 0
      if (count > 0) rows.push({ key: `${level.code}/${sub.code}`, depth: 1, label: sub.label, ladder: ladderOf(level.code), count })
    }
    const bare = bySub.get(`${level.code}/`) ?? 0
    if (bare > 0) rows.push({ key: `${level.code}/`, depth: 1, label: NO_DETAIL, ladder: ladderOf(level.code), count: bare })
  }
  // A level the app does not know (an item added on the portal): its own row, named by its code.
  for (const [code, count] of byLevel) {
    if (!known.has(code)) rows.push({ key: code, depth: 0, label: { ru: code, en: code }, ladder: null, count })
  }
  rows.push({ key: 'INACTIVE', depth: 0, label: INACTIVE, ladder: null, count: inactive })
  if (unknown > 0) rows.push({ key: 'UNKNOWN', depth: 0, label: UNKNOWN, ladder: null, count: unknown })
  return { rows, total }
}
