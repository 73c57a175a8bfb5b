import { describe, expect, it } from 'vitest'
import { GENERAL_LADDER, SECTORS_1_2_LADDER, type Ladder } from '@/domain/client-profile/status-ladder'
import { KOSINO_PIPELINE } from '@/domain/playbook/defaults/kosino'
import { KOSINO_STAGE_STATUS, kosinoStatusHint, targetGroups, type ClientStatus } from '@/domain/playbook/defaults/kosino-status'

// The Kosino sale's stages tied to the client's status ladder (seed «Косино», section 3 «На уровне клиента»).

const client = (patch: Partial<ClientStatus> = {}): ClientStatus => ({ sector: null, level: null, subStatus: null, inactive: false, ...patch })
const texts = (stageKey: string, status: ClientStatus = client()) => kosinoStatusHint(stageKey, status)?.targets.map((target) => target.text.ru)

function holds(ladder: Ladder, level: string, subStatus?: string): boolean {
  const found = ladder.levels.find((entry) => entry.code === level)
  return found !== undefined && (subStatus === undefined || found.subStatuses.some((entry) => entry.code === subStatus))
}

describe('the Kosino stages and the client status ladder', () => {
  it('ties every stage of the Kosino playbook, and only those', () => {
    expect(Object.keys(KOSINO_STAGE_STATUS).sort()).toEqual(KOSINO_PIPELINE.stages.map((stage) => stage.key).sort())
  })

  it('names only statuses the ladders hold', () => {
    for (const tie of Object.values(KOSINO_STAGE_STATUS)) {
      for (const target of tie.general) expect(holds(GENERAL_LADDER, target.level, target.subStatus), `${target.level} ${target.subStatus}`).toBe(true)
      for (const target of tie.sectors12) expect(holds(SECTORS_1_2_LADDER, target.level, target.subStatus), `${target.level} ${target.subStatus}`).toBe(true)
    }
  })

  it('tells the general ladder’s statuses stage by stage, as the seed orders them', () => {
    expect(texts('terms')).toEqual([
      'Согласование условий сотрудничества — Направлены условия сотрудничества',
      'Согласование условий сотрудничества — Рассмотрение встречных условий',
      'Согласование условий сотрудничества — Согласовано',
    ])
    expect(texts('loi')).toEqual(['Подписание LOI — Подготовка документов', 'Подписание LOI — Подписано'])
    expect(texts('contract-signing')?.at(-1)).toBe('Подписание договора — Подписан')
    expect(texts('deposit')?.at(-1)).toBe('Оплата обеспечительного платежа — Оплачено')
    expect(texts('won')).toEqual(['Подписание акта приёма-передачи — Подписан'])
  })

  it('follows the sectors 1 and 2 ladder for a client of those sectors', () => {
    const sector1 = client({ sector: 'SECTOR_1' })
    expect(kosinoStatusHint('terms', sector1)?.ladder).toBe('SECTORS_1_2')
    expect(texts('terms', sector1)).toEqual(['Активные переговоры'])
    expect(texts('loi', sector1)).toEqual(['Заключён LOI'])
    expect(texts('deposit', sector1)).toEqual(['Подписание договора — Подписан'])
  })

  it('says where the sale must be: an LOI, then a contract, in the «Продажа» tab', () => {
    expect(kosinoStatusHint('loi', client())?.sale).toBe('LOI')
    expect(kosinoStatusHint('contract-approval', client())?.sale).toBe('CONTRACT')
    expect(kosinoStatusHint('terms', client())?.sale).toBeNull()
  })

  it('reads the client’s status against the stage: unset, behind, on the stage, ahead', () => {
    expect(kosinoStatusHint('loi', client())?.fit).toBe('unset')
    expect(kosinoStatusHint('loi', client({ level: 'TERMS', subStatus: 'TERMS_AGREED' }))?.fit).toBe('behind')
    const on = kosinoStatusHint('loi', client({ level: 'LOI_SIGNING', subStatus: 'LOI_DOCS' }))
    expect(on?.fit).toBe('on-stage')
    expect(on?.current?.text).toEqual({ ru: 'Подписание LOI — Подготовка документов', en: 'Signing the LOI — Preparing documents' })
    expect(kosinoStatusHint('loi', client({ level: 'CONTRACT_APPROVAL' }))?.fit).toBe('ahead')
    expect(kosinoStatusHint('loi', client({ level: 'NEW' }))?.current?.text.ru).toBe('Новый')
  })

  it('on a lost deal names the «Не …» of the level the client is on, else both', () => {
    expect(texts('not-agreed', client({ level: 'CONTRACT_APPROVAL' }))).toEqual(['Согласование договора — Не согласовано'])
    expect(texts('not-agreed', client({ level: 'TERMS' }))).toEqual(['Согласование условий сотрудничества — Не согласовано'])
    expect(texts('not-signed')).toEqual(['Подписание LOI — Не подписано', 'Подписание договора — Не подписан'])
  })

  it('groups the statuses level by level for the tab', () => {
    const groups = targetGroups(kosinoStatusHint('not-signed', client())!.targets).map((group) => [group.level.ru, group.details.map((detail) => detail.ru)])
    expect(groups).toEqual([['Подписание LOI', ['Не подписано']], ['Подписание договора', ['Не подписан']]])
    expect(targetGroups(kosinoStatusHint('terms', client({ sector: 'SECTOR_2' }))!.targets).map((group) => [group.level.en, group.details])).toEqual([['Active negotiations', []]])
  })

  it('knows nothing of a stage that is not Kosino’s', () => {
    expect(kosinoStatusHint('express-id', client())).toBeNull()
  })
})
