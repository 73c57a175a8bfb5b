import { describe, expect, it } from 'vitest'
import {
  GENERAL_LADDER,
  INITIAL_CLIENT_STATUS,
  SECTORS_1_2_LADDER,
  allStatusLevels,
  appendStatusLog,
  readStatusLog,
  allSubStatuses,
  applyStatusAction,
  describeStatus,
  fitStatusToSector,
  ladderForSector,
  offeredSubStatuses,
  type ClientStatus,
  type StatusAction,
  type StatusChangeContext,
} from '@/domain/client-profile'

const general: StatusChangeContext = { sector: 'SECTOR_3', by: 7, at: '2026-03-01T10:00:00+03:00' }
const sector1: StatusChangeContext = { ...general, sector: 'SECTOR_1' }

const status = (level: string, subStatus: string | null = null, inactive = false): ClientStatus => ({ level, subStatus, inactive })

function apply(current: ClientStatus, action: StatusAction, context = general) {
  const result = applyStatusAction(current, action, context)
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result
}

function refusal(current: ClientStatus, action: StatusAction, context = general) {
  const result = applyStatusAction(current, action, context)
  return result.ok ? 'accepted' : result.reason
}

describe('ladders (P5)', () => {
  it('spells the general ladder and its sub-statuses as P5 does', () => {
    expect(GENERAL_LADDER.levels.map((level) => [level.label.ru, level.subStatuses.map((sub) => sub.label.ru)])).toEqual([
      ['Новый', []],
      ['Согласование условий сотрудничества', ['Направлены условия сотрудничества', 'Обработка возражений', 'Согласовано']],
      ['Подписание LOI', ['Подготовка документов', 'Подписано']],
      ['Согласование договора', ['Подготовка документов', 'Обработка возражений', 'Согласовано']],
      ['Подписание договора', ['Подготовка документов', 'Обработка возражений', 'Согласовано']],
    ])
  })

  it('spells the sectors 1 and 2 ladder', () => {
    expect(SECTORS_1_2_LADDER.levels.map((level) => [level.label.ru, level.subStatuses.map((sub) => sub.label.ru)])).toEqual([
      ['Новый', []],
      ['Проявлен интерес к клиенту', []],
      ['Активные переговоры', []],
      ['Заключён LOI', []],
      ['Проект на рассмотрении у клиента', []],
      ['Подписание договора', ['Подписан', 'Не подписан']],
    ])
  })

  it('picks the ladder by sector', () => {
    expect(ladderForSector('SECTOR_1').code).toBe('SECTORS_1_2')
    expect(ladderForSector('SECTOR_2').code).toBe('SECTORS_1_2')
    for (const sector of ['SECTOR_3', 'SECTOR_4', 'SECTOR_5', 'SECTOR_6', 'SECTOR_7', 'SECTOR_VED'] as const) {
      expect(ladderForSector(sector).code).toBe('GENERAL')
    }
    expect(ladderForSector(null).code).toBe('GENERAL')
  })

  it('gives unique codes to levels and sub-statuses (they are enumeration XML_IDs)', () => {
    const levels = allStatusLevels().map((level) => level.code)
    expect(levels).toHaveLength(10)
    expect(new Set(levels).size).toBe(10)
    const subs = allSubStatuses().map(({ subStatus }) => subStatus.code)
    expect(subs).toHaveLength(13)
    expect(new Set(subs).size).toBe(13)
  })
})

describe('choosing a sub-status (P6)', () => {
  it('sets a sub-status of the current level', () => {
    const result = apply(status('TERMS'), { type: 'choose-sub-status', subStatus: 'TERMS_OBJECTIONS' })
    expect(result.status).toEqual(status('TERMS', 'TERMS_OBJECTIONS'))
  })

  it('moves the level up when a sub-status of the next level is chosen', () => {
    expect(apply(INITIAL_CLIENT_STATUS, { type: 'choose-sub-status', subStatus: 'TERMS_SENT' }).status).toEqual(
      status('TERMS', 'TERMS_SENT'),
    )
    expect(apply(status('TERMS', 'TERMS_SENT'), { type: 'choose-sub-status', subStatus: 'LOI_DOCS' }).status).toEqual(
      status('LOI_SIGNING', 'LOI_DOCS'),
    )
  })

  it('moves the level up by itself when a completing sub-status is chosen', () => {
    expect(apply(status('TERMS', 'TERMS_OBJECTIONS'), { type: 'choose-sub-status', subStatus: 'TERMS_AGREED' }).status).toEqual(
      status('LOI_SIGNING'),
    )
    expect(apply(status('LOI_SIGNING', 'LOI_DOCS'), { type: 'choose-sub-status', subStatus: 'LOI_SIGNED' }).status).toEqual(
      status('CONTRACT_APPROVAL'),
    )
    expect(apply(status('CONTRACT_APPROVAL'), { type: 'choose-sub-status', subStatus: 'CA_AGREED' }).status).toEqual(
      status('CONTRACT_SIGNING'),
    )
  })

  it('ends the ladder on the last level’s completing sub-status', () => {
    expect(apply(status('CONTRACT_SIGNING', 'CS_DOCS'), { type: 'choose-sub-status', subStatus: 'CS_AGREED' }).status).toEqual(
      status('CONTRACT_SIGNING', 'CS_AGREED'),
    )
    const s12 = apply(status('S12_CONTRACT_SIGNING'), { type: 'choose-sub-status', subStatus: 'S12_SIGNED' }, sector1)
    expect(s12.status).toEqual(status('S12_CONTRACT_SIGNING', 'S12_SIGNED'))
    const notSigned = apply(status('S12_PROJECT_REVIEW'), { type: 'choose-sub-status', subStatus: 'S12_NOT_SIGNED' }, sector1)
    expect(notSigned.status).toEqual(status('S12_CONTRACT_SIGNING', 'S12_NOT_SIGNED'))
  })

  it('refuses illegal choices with a reason', () => {
    expect(refusal(status('LOI_SIGNING'), { type: 'choose-sub-status', subStatus: 'TERMS_SENT' })).toBe('backward')
    expect(refusal(INITIAL_CLIENT_STATUS, { type: 'choose-sub-status', subStatus: 'LOI_DOCS' })).toBe('skips-levels')
    expect(refusal(status('TERMS', 'TERMS_SENT'), { type: 'choose-sub-status', subStatus: 'TERMS_SENT' })).toBe('no-change')
    expect(refusal(status('TERMS'), { type: 'choose-sub-status', subStatus: 'NOPE' })).toBe('unknown-sub-status')
    // A sub-status of the other ladder does not exist in this one.
    expect(refusal(status('S12_PROJECT_REVIEW'), { type: 'choose-sub-status', subStatus: 'S12_SIGNED' })).toBe('status-not-in-ladder')
    expect(refusal(status('TERMS'), { type: 'choose-sub-status', subStatus: 'S12_SIGNED' })).toBe('unknown-sub-status')
    expect(refusal(status('TERMS', null, true), { type: 'choose-sub-status', subStatus: 'TERMS_SENT' })).toBe('client-inactive')
  })

  it('offers the sub-statuses of the current and the next level only', () => {
    expect(offeredSubStatuses(status('TERMS', 'TERMS_SENT'), 'SECTOR_3').map(({ subStatus }) => subStatus.code)).toEqual([
      'TERMS_OBJECTIONS',
      'TERMS_AGREED',
      'LOI_DOCS',
      'LOI_SIGNED',
    ])
    expect(offeredSubStatuses(status('S12_LOI'), 'SECTOR_2')).toEqual([])
    expect(offeredSubStatuses(status('S12_PROJECT_REVIEW'), 'SECTOR_2').map(({ subStatus }) => subStatus.code)).toEqual([
      'S12_SIGNED',
      'S12_NOT_SIGNED',
    ])
    expect(offeredSubStatuses(status('TERMS', null, true), 'SECTOR_3')).toEqual([])
    expect(offeredSubStatuses(status('S12_LOI'), 'SECTOR_3')).toEqual([])
  })
})

describe('advancing, manual change, deactivation', () => {
  it('climbs the sectors 1 and 2 ladder step by step and stops at the top', () => {
    let current = INITIAL_CLIENT_STATUS
    const visited: string[] = []
    for (;;) {
      const result = applyStatusAction(current, { type: 'advance' }, sector1)
      if (!result.ok) {
        expect(result.reason).toBe('last-level')
        break
      }
      current = result.status
      visited.push(current.level)
    }
    expect(visited).toEqual(['S12_INTEREST', 'S12_NEGOTIATIONS', 'S12_LOI', 'S12_PROJECT_REVIEW', 'S12_CONTRACT_SIGNING'])
  })

  it('refuses to advance an inactive client or one off its ladder', () => {
    expect(refusal(status('TERMS', null, true), { type: 'advance' })).toBe('client-inactive')
    expect(refusal(status('S12_LOI'), { type: 'advance' })).toBe('status-not-in-ladder')
  })

  it('sets any level manually, back or forth, and reactivates doing so', () => {
    expect(apply(status('CONTRACT_SIGNING', 'CS_DOCS'), { type: 'set-manually', level: 'TERMS', subStatus: 'TERMS_OBJECTIONS' }).status).toEqual(
      status('TERMS', 'TERMS_OBJECTIONS'),
    )
    expect(apply(INITIAL_CLIENT_STATUS, { type: 'set-manually', level: 'CONTRACT_APPROVAL' }).status).toEqual(status('CONTRACT_APPROVAL'))
    expect(apply(status('TERMS', null, true), { type: 'set-manually', level: 'TERMS' }).status).toEqual(status('TERMS'))
  })

  it('refuses manual changes to unknown or unchanged statuses', () => {
    expect(refusal(status('TERMS'), { type: 'set-manually', level: 'S12_LOI' })).toBe('unknown-level')
    expect(refusal(status('TERMS'), { type: 'set-manually', level: 'TERMS', subStatus: 'LOI_DOCS' })).toBe('unknown-sub-status')
    expect(refusal(status('TERMS', 'TERMS_SENT'), { type: 'set-manually', level: 'TERMS', subStatus: 'TERMS_SENT' })).toBe('no-change')
    expect(refusal(status('TERMS'), { type: 'set-manually', level: 'TERMS' })).toBe('no-change')
  })

  it('deactivates from every step of both ladders and reactivates to the same step', () => {
    for (const [ladder, context] of [
      [GENERAL_LADDER, general],
      [SECTORS_1_2_LADDER, sector1],
    ] as const) {
      for (const level of ladder.levels) {
        for (const subStatus of [null, ...level.subStatuses.map((sub) => sub.code)]) {
          const before = status(level.code, subStatus)
          const off = apply(before, { type: 'deactivate' }, context)
          expect(off.status).toEqual({ ...before, inactive: true })
          expect(describeStatus(off.status, context.sector)).toBe('Не активен')
          expect(refusal(off.status, { type: 'deactivate' }, context)).toBe('already-inactive')
          expect(apply(off.status, { type: 'reactivate' }, context).status).toEqual(before)
        }
      }
    }
    expect(refusal(status('TERMS'), { type: 'reactivate' })).toBe('not-inactive')
  })

  it('reactivates to NEW when the sector moved the client to the other ladder', () => {
    expect(apply(status('S12_LOI', null, true), { type: 'reactivate' }).status).toEqual(status('NEW'))
  })
})

describe('history records and sector changes', () => {
  it('records who, when, from, to, the action and a trimmed remark', () => {
    const result = apply(status('TERMS'), { type: 'choose-sub-status', subStatus: 'TERMS_AGREED' }, { ...general, remark: '  Клиент согласен  ' })
    expect(result.record).toEqual({
      from: status('TERMS'),
      to: status('LOI_SIGNING'),
      action: { type: 'choose-sub-status', subStatus: 'TERMS_AGREED' },
      by: 7,
      at: '2026-03-01T10:00:00+03:00',
      remark: 'Клиент согласен',
    })
    expect(apply(status('TERMS'), { type: 'deactivate' }, { ...general, remark: '   ' }).record).not.toHaveProperty('remark')
  })

  it('restarts at NEW when a new sector’s ladder lacks the level, and says nothing otherwise', () => {
    const moved = fitStatusToSector(status('TERMS', 'TERMS_SENT'), sector1)
    expect(moved?.status).toEqual(status('NEW'))
    expect(moved?.record.action).toEqual({ type: 'ladder-changed' })
    expect(fitStatusToSector(status('TERMS', null, true), sector1)?.status).toEqual(status('NEW', null, true))
    expect(fitStatusToSector(status('NEW'), sector1)).toBeNull()
    expect(fitStatusToSector(status('TERMS'), general)).toBeNull()
  })

  it('describes a status in both languages', () => {
    expect(describeStatus(status('LOI_SIGNING', 'LOI_DOCS'), 'SECTOR_3')).toBe('Подписание LOI: Подготовка документов')
    expect(describeStatus(status('LOI_SIGNING', 'LOI_DOCS'), 'SECTOR_3', 'en')).toBe('Signing the LOI: Preparing documents')
    expect(describeStatus(status('S12_LOI'), 'SECTOR_3')).toBe('Заключён LOI')
    expect(describeStatus(status('NEW'), null)).toBe('Новый')
  })
})

describe('status log stored in the company field', () => {
  it('appends records, keeps the newest, and reads them back', () => {
    const first = apply(INITIAL_CLIENT_STATUS, { type: 'advance' }).record
    const second = apply(status('TERMS'), { type: 'deactivate' }, { ...general, remark: 'Пропал' }).record
    const text = appendStatusLog([first], second)
    expect(readStatusLog(text)).toEqual({ ok: true, records: [first, second] })
    expect(readStatusLog(appendStatusLog([first, first], second, 2))).toEqual({ ok: true, records: [first, second] })
    expect(readStatusLog('')).toEqual({ ok: true, records: [] })
    expect(readStatusLog('[{')).toEqual({ ok: false, reason: 'invalid-json' })
    expect(readStatusLog('[{"from":1}]')).toEqual({ ok: false, reason: 'invalid-shape' })
  })
})
