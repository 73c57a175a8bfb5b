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
  advanceTarget,
  sectorChangeQuestion,
  statusOnLadder,
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
  it('spells the general ladder as P5 and the life cycle together (the card section first, the life cycle’s items added)', () => {
    expect(GENERAL_LADDER.levels.map((level) => [level.label.ru, level.subStatuses.map((sub) => sub.label.ru)])).toEqual([
      ['Новый', []],
      ['Согласование условий сотрудничества', ['Направлены условия сотрудничества', 'Обработка возражений', 'Рассмотрение встречных условий', 'Согласовано', 'Не согласовано']],
      ['Подписание LOI', ['Подготовка документов', 'Подписано', 'Не подписано']],
      ['Согласование договора', ['Подготовка документов', 'Обработка возражений', 'Согласовано', 'Не согласовано']],
      ['Подписание договора', ['Подготовка документов', 'Обработка возражений', 'Согласовано', 'Подписан', 'Не подписан']],
      ['Оплата обеспечительного платежа', ['Оплачено', 'Не оплачено']],
      ['Подписание акта приёма-передачи', ['Подписан', 'Не подписан']],
    ])
  })

  it('completes a level only by its positive outcome; «Не …» details keep the client on the level', () => {
    const completing = GENERAL_LADDER.levels.map((level) => level.subStatuses.filter((sub) => sub.completesLevel).map((sub) => sub.code))
    expect(completing).toEqual([[], ['TERMS_AGREED'], ['LOI_SIGNED'], ['CA_AGREED'], ['CS_SIGNED'], ['DEPOSIT_PAID'], ['ACT_SIGNED']])
    for (const code of ['TERMS_NOT_AGREED', 'LOI_NOT_SIGNED', 'CA_NOT_AGREED', 'CS_NOT_SIGNED', 'DEPOSIT_UNPAID', 'ACT_NOT_SIGNED']) {
      const found = allSubStatuses().find(({ subStatus }) => subStatus.code === code)!
      expect(apply(status(found.level.code), { type: 'choose-sub-status', subStatus: code }).status).toEqual(status(found.level.code, code))
    }
  })

  it('keeps every code the earlier ladder had (installed portals hold them as enumeration items)', () => {
    const codes = new Set(allSubStatuses().map(({ subStatus }) => subStatus.code))
    for (const code of ['TERMS_SENT', 'TERMS_OBJECTIONS', 'TERMS_AGREED', 'LOI_DOCS', 'LOI_SIGNED', 'CA_DOCS', 'CA_OBJECTIONS', 'CA_AGREED', 'CS_DOCS', 'CS_OBJECTIONS', 'CS_AGREED', 'S12_SIGNED', 'S12_NOT_SIGNED']) {
      expect(codes.has(code)).toBe(true)
    }
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
    expect(levels).toHaveLength(12)
    expect(new Set(levels).size).toBe(12)
    const subs = allSubStatuses().map(({ subStatus }) => subStatus.code)
    expect(subs).toHaveLength(23)
    expect(new Set(subs).size).toBe(23)
  })
})

describe('choosing a sub-status (P6)', () => {
  it('sets a sub-status of the current level', () => {
    const result = apply(status('TERMS'), { type: 'choose-sub-status', subStatus: 'TERMS_OBJECTIONS' })
    expect(result.status).toEqual(status('TERMS', 'TERMS_OBJECTIONS'))
  })

  it('never takes a detail of the next level: that level is reached by completing this one', () => {
    expect(refusal(INITIAL_CLIENT_STATUS, { type: 'choose-sub-status', subStatus: 'TERMS_SENT' })).toBe('skips-levels')
    expect(refusal(status('TERMS', 'TERMS_SENT'), { type: 'choose-sub-status', subStatus: 'LOI_DOCS' })).toBe('skips-levels')
    // The skip the old menu allowed: at «Подписание LOI», «Согласование договора: Согласовано» jumped two levels.
    expect(refusal(status('LOI_SIGNING', 'LOI_DOCS'), { type: 'choose-sub-status', subStatus: 'CA_AGREED' })).toBe('skips-levels')
  })

  it('moves exactly one level on «Согласование договора: Согласовано», and a repeat of it changes nothing', () => {
    const once = apply(status('CONTRACT_APPROVAL', 'CA_OBJECTIONS'), { type: 'choose-sub-status', subStatus: 'CA_AGREED' })
    expect(once.status).toEqual(status('CONTRACT_SIGNING'))
    expect(refusal(once.status, { type: 'choose-sub-status', subStatus: 'CA_AGREED' })).toBe('backward')
  })

  it('leaves a level with details only by a detail, never by a bare step', () => {
    expect(refusal(status('TERMS', 'TERMS_SENT'), { type: 'advance' })).toBe('needs-detail')
    expect(apply(INITIAL_CLIENT_STATUS, { type: 'advance' }).status).toEqual(status('TERMS'))
    expect(advanceTarget(INITIAL_CLIENT_STATUS, 'SECTOR_3')?.code).toBe('TERMS')
    expect(advanceTarget(status('TERMS'), 'SECTOR_3')).toBeNull()
    expect(advanceTarget(status('S12_LOI'), 'SECTOR_1')?.code).toBe('S12_PROJECT_REVIEW')
    expect(advanceTarget(status('S12_CONTRACT_SIGNING'), 'SECTOR_1')).toBeNull()
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
    expect(apply(status('CONTRACT_SIGNING', 'CS_AGREED'), { type: 'choose-sub-status', subStatus: 'CS_SIGNED' }).status).toEqual(status('DEPOSIT'))
    expect(apply(status('DEPOSIT', 'DEPOSIT_UNPAID'), { type: 'choose-sub-status', subStatus: 'DEPOSIT_PAID' }).status).toEqual(status('ACCEPTANCE'))
  })

  it('ends the ladder on the last level’s completing sub-status', () => {
    expect(apply(status('ACCEPTANCE', 'ACT_NOT_SIGNED'), { type: 'choose-sub-status', subStatus: 'ACT_SIGNED' }).status).toEqual(
      status('ACCEPTANCE', 'ACT_SIGNED'),
    )
    const s12 = apply(status('S12_CONTRACT_SIGNING'), { type: 'choose-sub-status', subStatus: 'S12_SIGNED' }, sector1)
    expect(s12.status).toEqual(status('S12_CONTRACT_SIGNING', 'S12_SIGNED'))
    const notSigned = apply(status('S12_CONTRACT_SIGNING'), { type: 'choose-sub-status', subStatus: 'S12_NOT_SIGNED' }, sector1)
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

  it('offers the current level’s details only, never two levels mixed', () => {
    expect(offeredSubStatuses(status('TERMS', 'TERMS_SENT'), 'SECTOR_3').map(({ subStatus }) => subStatus.code)).toEqual([
      'TERMS_OBJECTIONS',
      'TERMS_COUNTER',
      'TERMS_AGREED',
      'TERMS_NOT_AGREED',
    ])
    for (const level of GENERAL_LADDER.levels) {
      const offered = offeredSubStatuses(status(level.code), 'SECTOR_3')
      expect(new Set(offered.map((entry) => entry.level.code)).size).toBeLessThanOrEqual(1)
      for (const entry of offered) expect(entry.level.code).toBe(level.code)
    }
    expect(offeredSubStatuses(status('S12_LOI'), 'SECTOR_2')).toEqual([])
    expect(offeredSubStatuses(status('S12_PROJECT_REVIEW'), 'SECTOR_2')).toEqual([])
    expect(offeredSubStatuses(status('S12_CONTRACT_SIGNING'), 'SECTOR_2').map(({ subStatus }) => subStatus.code)).toEqual([
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

  it('reactivates to the mapped step when the sector moved the client to the other ladder', () => {
    expect(apply(status('S12_LOI', null, true), { type: 'reactivate' }).status).toEqual(status('CONTRACT_APPROVAL'))
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

  it('maps the status to the new sector’s ladder, recorded, and says nothing when the level is there', () => {
    const moved = fitStatusToSector(status('CONTRACT_SIGNING', 'CS_DOCS'), sector1)
    expect(moved?.status).toEqual(status('S12_CONTRACT_SIGNING'))
    expect(moved?.record.action).toEqual({ type: 'ladder-changed' })
    expect(moved?.record.from).toEqual(status('CONTRACT_SIGNING', 'CS_DOCS'))
    expect(fitStatusToSector(status('TERMS', null, true), sector1)?.status).toEqual(status('S12_NEGOTIATIONS', null, true))
    expect(fitStatusToSector(status('NEW'), sector1)).toBeNull()
    expect(fitStatusToSector(status('TERMS'), general)).toBeNull()
  })

  it('maps every step of each ladder onto the other one, never to «Новый» unless it was «Новый»', () => {
    const steps = (ladder: typeof GENERAL_LADDER) => ladder.levels.flatMap((level) => [null, ...level.subStatuses.map((sub) => sub.code)].map((sub) => status(level.code, sub)))
    const pairs = [...steps(GENERAL_LADDER).map((step) => [step, SECTORS_1_2_LADDER] as const), ...steps(SECTORS_1_2_LADDER).map((step) => [step, GENERAL_LADDER] as const)]
    for (const [step, to] of pairs) {
      const mapped = statusOnLadder(step, to)
      const target = to.levels.find((entry) => entry.code === mapped.level)
      expect(target).toBeDefined()
      if (mapped.subStatus !== null) expect(target!.subStatuses.some((sub) => sub.code === mapped.subStatus)).toBe(true)
      expect(mapped.level === 'NEW').toBe(step.level === 'NEW')
    }
  })

  it('maps the stated pairs both ways', () => {
    const pairs: [ClientStatus, ClientStatus][] = [
      [status('CONTRACT_SIGNING'), status('S12_CONTRACT_SIGNING')],
      [status('CONTRACT_SIGNING', 'CS_NOT_SIGNED'), status('S12_CONTRACT_SIGNING', 'S12_NOT_SIGNED')],
      [status('CONTRACT_APPROVAL'), status('S12_LOI')],
      [status('CONTRACT_APPROVAL', 'CA_DOCS'), status('S12_PROJECT_REVIEW')],
    ]
    for (const [general, sectors] of pairs) {
      expect(statusOnLadder(general, SECTORS_1_2_LADDER)).toEqual(sectors)
      expect(statusOnLadder(sectors, GENERAL_LADDER)).toEqual(general)
    }
    expect(statusOnLadder(status('LOI_SIGNING', 'LOI_NOT_SIGNED'), SECTORS_1_2_LADDER)).toEqual(status('S12_NEGOTIATIONS'))
    expect(statusOnLadder(status('DEPOSIT', 'DEPOSIT_UNPAID'), SECTORS_1_2_LADDER)).toEqual(status('S12_CONTRACT_SIGNING', 'S12_SIGNED'))
    expect(statusOnLadder(status('S12_CONTRACT_SIGNING', 'S12_SIGNED'), GENERAL_LADDER)).toEqual(status('DEPOSIT'))
    expect(statusOnLadder(status('S12_INTEREST'), GENERAL_LADDER)).toEqual(status('TERMS'))
  })

  it('asks before a sector change moves a client with a status to the other ladder', () => {
    expect(sectorChangeQuestion(status('CONTRACT_SIGNING', 'CS_DOCS'), 'SECTOR_3', 'SECTOR_1')).toEqual({
      from: status('CONTRACT_SIGNING', 'CS_DOCS'),
      to: status('S12_CONTRACT_SIGNING'),
      ladder: SECTORS_1_2_LADDER,
    })
    expect(sectorChangeQuestion(status('S12_LOI'), 'SECTOR_2', null)?.to).toEqual(status('CONTRACT_APPROVAL'))
    expect(sectorChangeQuestion(status('S12_LOI'), 'SECTOR_2', 'SECTOR_1')).toBeNull()
    expect(sectorChangeQuestion(status('TERMS'), 'SECTOR_3', 'SECTOR_VED')).toBeNull()
    expect(sectorChangeQuestion(status('NEW'), 'SECTOR_3', 'SECTOR_1')).toBeNull()
    expect(sectorChangeQuestion(status('NEW', null, true), 'SECTOR_3', 'SECTOR_1')?.to).toEqual(status('NEW', null, true))
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
