import type { LocalizedText } from '../fields/types'
import type { SectorCode } from './sectors'

/*
 * The client status ladders of P5. A ladder is an ordered list of levels; a level may
 * have sub-statuses («пункты детализации»). One of them may complete the level: choosing
 * it moves the client one level up by itself (P6). «Не активен» is not a level but a
 * flag over the ladder, so a deactivated client keeps the step it stopped at.
 *
 * The seed describes the client's status twice: the card section («Статус клиента», P5) and
 * the life-cycle section (section 3, «На уровне клиента»). They differ in the details; the
 * general ladder is their union, the card section's items first and in its order (they are
 * what the client team named), the life-cycle's missing ones added where they belong:
 *  - «На рассмотрении» of the life cycle is the card's «Направлены условия сотрудничества»
 *    (terms) and «Подготовка документов» (LOI, contract): not a separate item;
 *  - «Рассмотрение встречных условий» joins «Согласование условий сотрудничества» (only there,
 *    as in the seed); «Не согласовано» joins both agreeing levels (terms and contract);
 *  - «Не подписано» joins «Подписание LOI»; «Подписан» and «Не подписан» join «Подписание
 *    договора», where the card's «Согласовано» stays (the text is agreed, not yet signed) and
 *    «Подписан» is what completes the level;
 *  - the seed's «при котором присутствует» after «Подписан» — the security deposit
 *    «Оплачено / Не оплачено» and the acceptance act «Подписан / Не подписан» — are two more
 *    levels after the contract, in the order they happen (the deposit is paid, then the
 *    premises are handed over by the act); «Оплачено» and «Подписан» complete them.
 * A «Не …» detail never moves the client: it is where the client stopped on that level.
 * Codes of existing items never change (they are enumeration XML_IDs on installed portals);
 * new items reach an installed portal through the install plan, which adds missing items.
 * The sectors 1 and 2 ladder is the seed's own and has none of these.
 */

export type LadderCode = 'GENERAL' | 'SECTORS_1_2'

export interface SubStatus {
  /** Unique across all ladders (it is an enumeration item's XML_ID). */
  code: string
  label: LocalizedText
  /** Choosing it finishes the level: the client moves to the next level. */
  completesLevel?: boolean
}

export interface StatusLevel {
  /** Unique across all ladders, except NEW which both ladders start with. */
  code: string
  label: LocalizedText
  subStatuses: readonly SubStatus[]
}

export interface Ladder {
  code: LadderCode
  levels: readonly StatusLevel[]
}

const NEW_LEVEL: StatusLevel = { code: 'NEW', label: { ru: 'Новый', en: 'New' }, subStatuses: [] }

export const GENERAL_LADDER: Ladder = {
  code: 'GENERAL',
  levels: [
    NEW_LEVEL,
    {
      code: 'TERMS',
      label: { ru: 'Согласование условий сотрудничества', en: 'Agreeing the terms of cooperation' },
      subStatuses: [
        { code: 'TERMS_SENT', label: { ru: 'Направлены условия сотрудничества', en: 'Terms sent' } },
        { code: 'TERMS_OBJECTIONS', label: { ru: 'Обработка возражений', en: 'Handling objections' } },
        { code: 'TERMS_COUNTER', label: { ru: 'Рассмотрение встречных условий', en: 'Reviewing counter-terms' } },
        { code: 'TERMS_AGREED', label: { ru: 'Согласовано', en: 'Agreed' }, completesLevel: true },
        { code: 'TERMS_NOT_AGREED', label: { ru: 'Не согласовано', en: 'Not agreed' } },
      ],
    },
    {
      code: 'LOI_SIGNING',
      label: { ru: 'Подписание LOI', en: 'Signing the LOI' },
      subStatuses: [
        { code: 'LOI_DOCS', label: { ru: 'Подготовка документов', en: 'Preparing documents' } },
        { code: 'LOI_SIGNED', label: { ru: 'Подписано', en: 'Signed' }, completesLevel: true },
        { code: 'LOI_NOT_SIGNED', label: { ru: 'Не подписано', en: 'Not signed' } },
      ],
    },
    {
      code: 'CONTRACT_APPROVAL',
      label: { ru: 'Согласование договора', en: 'Agreeing the contract' },
      subStatuses: [
        { code: 'CA_DOCS', label: { ru: 'Подготовка документов', en: 'Preparing documents' } },
        { code: 'CA_OBJECTIONS', label: { ru: 'Обработка возражений', en: 'Handling objections' } },
        { code: 'CA_AGREED', label: { ru: 'Согласовано', en: 'Agreed' }, completesLevel: true },
        { code: 'CA_NOT_AGREED', label: { ru: 'Не согласовано', en: 'Not agreed' } },
      ],
    },
    {
      code: 'CONTRACT_SIGNING',
      label: { ru: 'Подписание договора', en: 'Signing the contract' },
      subStatuses: [
        { code: 'CS_DOCS', label: { ru: 'Подготовка документов', en: 'Preparing documents' } },
        { code: 'CS_OBJECTIONS', label: { ru: 'Обработка возражений', en: 'Handling objections' } },
        { code: 'CS_AGREED', label: { ru: 'Согласовано', en: 'Agreed' } },
        { code: 'CS_SIGNED', label: { ru: 'Подписан', en: 'Signed' }, completesLevel: true },
        { code: 'CS_NOT_SIGNED', label: { ru: 'Не подписан', en: 'Not signed' } },
      ],
    },
    {
      code: 'DEPOSIT',
      label: { ru: 'Оплата обеспечительного платежа', en: 'Paying the security deposit' },
      subStatuses: [
        { code: 'DEPOSIT_PAID', label: { ru: 'Оплачено', en: 'Paid' }, completesLevel: true },
        { code: 'DEPOSIT_UNPAID', label: { ru: 'Не оплачено', en: 'Not paid' } },
      ],
    },
    {
      code: 'ACCEPTANCE',
      label: { ru: 'Подписание акта приёма-передачи', en: 'Signing the acceptance act' },
      subStatuses: [
        { code: 'ACT_SIGNED', label: { ru: 'Подписан', en: 'Signed' }, completesLevel: true },
        { code: 'ACT_NOT_SIGNED', label: { ru: 'Не подписан', en: 'Not signed' } },
      ],
    },
  ],
}

export const SECTORS_1_2_LADDER: Ladder = {
  code: 'SECTORS_1_2',
  levels: [
    NEW_LEVEL,
    { code: 'S12_INTEREST', label: { ru: 'Проявлен интерес к клиенту', en: 'Interest in the client shown' }, subStatuses: [] },
    { code: 'S12_NEGOTIATIONS', label: { ru: 'Активные переговоры', en: 'Active negotiations' }, subStatuses: [] },
    { code: 'S12_LOI', label: { ru: 'Заключён LOI', en: 'LOI concluded' }, subStatuses: [] },
    {
      code: 'S12_PROJECT_REVIEW',
      label: { ru: 'Проект на рассмотрении у клиента', en: 'Project under the client’s review' },
      subStatuses: [],
    },
    {
      code: 'S12_CONTRACT_SIGNING',
      label: { ru: 'Подписание договора', en: 'Signing the contract' },
      subStatuses: [
        { code: 'S12_SIGNED', label: { ru: 'Подписан', en: 'Signed' }, completesLevel: true },
        { code: 'S12_NOT_SIGNED', label: { ru: 'Не подписан', en: 'Not signed' } },
      ],
    },
  ],
}

export const LADDERS: readonly Ladder[] = [GENERAL_LADDER, SECTORS_1_2_LADDER]

export const INACTIVE_LABEL: LocalizedText = { ru: 'Не активен', en: 'Inactive' }

/** Sectors 1 and 2 follow their own ladder; every other client (or none chosen) the general one. */
export function ladderForSector(sector: SectorCode | null | undefined): Ladder {
  return sector === 'SECTOR_1' || sector === 'SECTOR_2' ? SECTORS_1_2_LADDER : GENERAL_LADDER
}

export function levelIndex(ladder: Ladder, levelCode: string): number {
  return ladder.levels.findIndex((level) => level.code === levelCode)
}

/** The level a sub-status belongs to in this ladder, with its position. */
export function findSubStatus(
  ladder: Ladder,
  subStatusCode: string,
): { level: StatusLevel; index: number; subStatus: SubStatus } | undefined {
  for (const [index, level] of ladder.levels.entries()) {
    const subStatus = level.subStatuses.find((entry) => entry.code === subStatusCode)
    if (subStatus) return { level, index, subStatus }
  }
  return undefined
}

/** Every level of both ladders once (NEW is shared): the status enumeration's items. */
export function allStatusLevels(): StatusLevel[] {
  const seen = new Set<string>()
  return LADDERS.flatMap((ladder) => ladder.levels).filter((level) => !seen.has(level.code) && seen.add(level.code))
}

export function allSubStatuses(): { level: StatusLevel; subStatus: SubStatus }[] {
  return allStatusLevels().flatMap((level) => level.subStatuses.map((subStatus) => ({ level, subStatus })))
}
