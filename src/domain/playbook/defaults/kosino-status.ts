import type { LocalizedText } from '../../fields/types'
import { ladderForSector, levelIndex, SECTORS_1_2_LADDER, type Ladder, type StatusLevel } from '../../client-profile/status-ladder'
import type { SectorCode } from '../../client-profile/sectors'

/*
 * The Kosino sale's stages tied to the client's status ladder (seed, section 3 «На уровне
 * клиента»): on each stage of «Продажи ППК Косино» the manager keeps the client's status in
 * the company's «Профиль клиента» where the seed puts it, and the «Продажа» tab holds the LOI
 * or the contract where the stage waits on it. The «Следующий шаг» tab tells both.
 *
 * Where the seed ties stage and status:
 * - «Согласование условий сотрудничества»: the level of the same name — terms sent, the
 *   client's counter-terms (may be absent), agreed; «Не согласовано» loses the deal.
 *   Sectors 1 and 2: «Активные переговоры».
 * - «Подписание LOI»: documents, then signed («Не подписано» loses the deal); the «Продажа» tab
 *   holds the LOI. Sectors 1 and 2: «Заключён LOI» once signed.
 * - «Согласование договора»: documents, objections, agreed; the «Продажа» tab holds the
 *   contract. Sectors 1 and 2: «Проект на рассмотрении у клиента».
 * - «Подписание договора»: signed or not. Sectors 1 and 2: «Подписание договора» — «Подписан».
 * - «Обеспечительный платёж» and «Акт приёма-передачи»: the seed's «при котором присутствует»
 *   after «Подписан» — the deposit paid, the act signed. The sectors 1 and 2 ladder has no such
 *   levels: the client stays «Подписан».
 * - «Сделка заключена»: the last level reached (the act signed).
 * - «Не согласовано» / «Не подписано» (lost): the «Не …» detail on the level the client is on.
 * Codes the ladder does not (yet) hold are left out of the hint rather than shown raw.
 */

export type KosinoSaleKind = 'LOI' | 'CONTRACT'

/** One status of the ladder: a level and, where it has them, one of its details. */
export interface StatusTarget {
  level: string
  subStatus?: string
}

export interface KosinoStageStatus {
  /** What the client's status goes through on this stage, in order (the last one is where it ends). */
  general: StatusTarget[]
  sectors12: StatusTarget[]
  /** The sale the «Продажа» tab must hold on this stage. */
  sale?: KosinoSaleKind
}

const on = (level: string, ...subStatuses: string[]): StatusTarget[] => (subStatuses.length === 0 ? [{ level }] : subStatuses.map((subStatus) => ({ level, subStatus })))

/** Keyed by the playbook stage key of defaults/kosino.ts. */
export const KOSINO_STAGE_STATUS: Readonly<Record<string, KosinoStageStatus>> = {
  terms: { general: on('TERMS', 'TERMS_SENT', 'TERMS_COUNTER', 'TERMS_AGREED'), sectors12: on('S12_NEGOTIATIONS') },
  loi: { general: on('LOI_SIGNING', 'LOI_DOCS', 'LOI_SIGNED'), sectors12: on('S12_LOI'), sale: 'LOI' },
  'contract-approval': { general: on('CONTRACT_APPROVAL', 'CA_DOCS', 'CA_OBJECTIONS', 'CA_AGREED'), sectors12: on('S12_PROJECT_REVIEW'), sale: 'CONTRACT' },
  'contract-signing': { general: on('CONTRACT_SIGNING', 'CS_DOCS', 'CS_SIGNED'), sectors12: on('S12_CONTRACT_SIGNING', 'S12_SIGNED') },
  deposit: { general: on('DEPOSIT', 'DEPOSIT_UNPAID', 'DEPOSIT_PAID'), sectors12: on('S12_CONTRACT_SIGNING', 'S12_SIGNED') },
  acceptance: { general: on('ACCEPTANCE', 'ACT_NOT_SIGNED', 'ACT_SIGNED'), sectors12: on('S12_CONTRACT_SIGNING', 'S12_SIGNED') },
  won: { general: on('ACCEPTANCE', 'ACT_SIGNED'), sectors12: on('S12_CONTRACT_SIGNING', 'S12_SIGNED') },
  'not-agreed': { general: [...on('TERMS', 'TERMS_NOT_AGREED'), ...on('CONTRACT_APPROVAL', 'CA_NOT_AGREED')], sectors12: [] },
  'not-signed': { general: [...on('LOI_SIGNING', 'LOI_NOT_SIGNED'), ...on('CONTRACT_SIGNING', 'CS_NOT_SIGNED')], sectors12: on('S12_CONTRACT_SIGNING', 'S12_NOT_SIGNED') },
}

/** The client's status as the company holds it (codes of the ladder). */
export interface ClientStatus {
  sector: SectorCode | null
  level: string | null
  subStatus: string | null
  inactive: boolean
}

/** A status as the hint names it: «Level» or «Level» — «Detail». */
export interface NamedStatus {
  level: string
  subStatus: string | null
  /** «Level — Detail», or the level alone. */
  text: LocalizedText
  levelText: LocalizedText
  subText: LocalizedText | null
}

/** The targets level by level: «Level»: «Detail» → «Detail». */
export function targetGroups(targets: readonly NamedStatus[]): { level: LocalizedText; details: LocalizedText[] }[] {
  const groups: { code: string; level: LocalizedText; details: LocalizedText[] }[] = []
  for (const target of targets) {
    const last = groups.at(-1)
    const group = last && last.code === target.level ? last : { code: target.level, level: target.levelText, details: [] }
    if (group !== last) groups.push(group)
    if (target.subText) group.details.push(target.subText)
  }
  return groups.map(({ level, details }) => ({ level, details }))
}

/** How the client's status stands against the deal's stage. */
export type StatusFit = 'behind' | 'on-stage' | 'ahead' | 'unset'

export interface KosinoStatusHint {
  ladder: Ladder['code']
  /** The statuses to set on this stage, in order; empty when the ladder has none here. */
  targets: NamedStatus[]
  current: NamedStatus | null
  fit: StatusFit
  inactive: boolean
  sale: KosinoSaleKind | null
}

function named(ladder: Ladder, target: StatusTarget): NamedStatus | null {
  const level = ladder.levels.find((entry) => entry.code === target.level)
  if (!level) return null
  if (target.subStatus === undefined) return { level: level.code, subStatus: null, text: level.label, levelText: level.label, subText: null }
  const sub = level.subStatuses.find((entry) => entry.code === target.subStatus)
  return sub ? { level: level.code, subStatus: sub.code, text: joined(level, sub.label), levelText: level.label, subText: sub.label } : null
}

const joined = (level: StatusLevel, sub: LocalizedText): LocalizedText => ({ ru: `${level.label.ru} — ${sub.ru}`, en: `${level.label.en} — ${sub.en}` })

/**
 * The hint for a Kosino deal's stage: which status the client should be given, where the
 * client is now, and the sale the «Продажа» tab must hold. Null for a stage the map does not know.
 */
export function kosinoStatusHint(stageKey: string, client: ClientStatus): KosinoStatusHint | null {
  const tie = KOSINO_STAGE_STATUS[stageKey]
  if (!tie) return null
  const ladder = ladderForSector(client.sector)
  const wanted = ladder === SECTORS_1_2_LADDER ? tie.sectors12 : tie.general
  let targets = wanted.map((target) => named(ladder, target)).filter((target): target is NamedStatus => target !== null)
  // A lost deal: the «Не …» of the level the client is on, when it is one of them.
  const onClientLevel = targets.filter((target) => target.level === client.level)
  if (onClientLevel.length > 0 && new Set(targets.map((target) => target.level)).size > 1) targets = onClientLevel
  const current = client.level ? named(ladder, { level: client.level, ...(client.subStatus ? { subStatus: client.subStatus } : {}) }) ?? named(ladder, { level: client.level }) : null
  return { ladder: ladder.code, targets, current, fit: fitOf(ladder, targets, client.level), inactive: client.inactive, sale: tie.sale ?? null }
}

function fitOf(ladder: Ladder, targets: readonly NamedStatus[], level: string | null): StatusFit {
  if (level === null || levelIndex(ladder, level) < 0) return 'unset'
  const at = levelIndex(ladder, level)
  const indexes = targets.map((target) => levelIndex(ladder, target.level))
  if (indexes.length === 0) return 'on-stage'
  if (at < Math.min(...indexes)) return 'behind'
  if (at > Math.max(...indexes)) return 'ahead'
  return 'on-stage'
}

