// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK } from '@/domain/playbook/defaults'
import { computeFunnel, median, percentile, type HistoryRow } from '@/domain/reports/funnel'
import { funnelNorms } from '@/domain/reports/funnel-norms'

const H = 3_600_000
const stages = [
  { id: 'NEW', name: 'Не обработан', semantic: 'P' as const },
  { id: 'EXP', name: 'Экспресс-идентификация', semantic: 'P' as const },
  { id: 'OFFER', name: 'Счет/КП', semantic: 'P' as const },
  { id: 'WON', name: 'Сделка успешна', semantic: 'S' as const },
  { id: 'LOSE', name: 'Сделка провалена', semantic: 'F' as const },
]
let id = 0
const row = (ownerId: number, hour: number, stageId: string): HistoryRow => ({
  id: ++id,
  ownerId,
  time: hour * H,
  stageId,
  semantic: stageId === 'WON' ? 'S' : stageId === 'LOSE' ? 'F' : 'P',
})

// Period 100 h … 200 h, now 250 h, norm of EXP 5 h. Expectations are worked out by hand in the comments.
const rows = [
  // 1: created before the period; NEW→EXP 20 h, EXP→OFFER 3 h (within the norm), OFFER→WON 37 h.
  row(1, 90, 'NEW'), row(1, 110, 'EXP'), row(1, 113, 'OFFER'), row(1, 150, 'WON'),
  // 2: NEW 1 h, EXP 19 h then back to NEW, NEW 1 h, EXP 19 h then lost: two stays over the EXP norm.
  row(2, 120, 'NEW'), row(2, 121, 'EXP'), row(2, 140, 'NEW'), row(2, 141, 'EXP'), row(2, 160, 'LOSE'),
  // 3: NEW 20 h, then sits in EXP (open, 100 h by now).
  row(3, 130, 'NEW'), row(3, 150, 'EXP'),
  // 4: created in the period; its move to EXP at 210 h is after the period.
  row(4, 190, 'NEW'), row(4, 210, 'EXP'),
  // 5: everything before the period; sits in OFFER since 60 h.
  row(5, 50, 'NEW'), row(5, 60, 'OFFER'),
]
const open = [
  { id: 3, stageId: 'EXP', enteredAt: 150 * H },
  { id: 4, stageId: 'EXP', enteredAt: 210 * H },
  { id: 5, stageId: 'OFFER', enteredAt: 60 * H },
]

describe('computeFunnel', () => {
  const funnel = computeFunnel({ stages, rows: [...rows].reverse(), from: 100 * H, to: 200 * H, now: 250 * H, norms: new Map([['EXP', 5 * H]]), open })
  const stage = (s: string) => funnel.stages.find((x) => x.stageId === s)!

  it('counts deals entering each stage in the period once', () => {
    expect(funnel.stages.map((s) => [s.stageId, s.entered])).toEqual([
      ['NEW', [2, 3, 4]],
      ['EXP', [1, 2, 3]],
      ['OFFER', [1]],
      ['WON', [1]],
      ['LOSE', [2]],
    ])
    expect([funnel.started, funnel.won, funnel.lost]).toEqual([3, 1, 1])
  })

  it('sorts the moves out of a stage in the period by where they went', () => {
    expect(stage('NEW').left).toEqual({ forward: [1, 2, 2, 3], won: [], lost: [], back: [] })
    expect(stage('EXP').left).toEqual({ forward: [1], won: [], lost: [2], back: [2] })
    expect(stage('OFFER').left).toEqual({ forward: [], won: [1], lost: [], back: [] })
    expect(stage('EXP').leftTotal).toBe(3)
  })

  it('gives conversion to the next stage and to won for the deals that entered in the period', () => {
    expect([stage('NEW').conversionNext, stage('NEW').conversionWon]).toEqual([2 / 3, 0])
    expect([stage('EXP').conversionNext, stage('EXP').conversionWon]).toEqual([1 / 3, 1 / 3])
    expect([stage('OFFER').conversionNext, stage('OFFER').conversionWon]).toEqual([1, 1])
    expect(stage('WON').conversionNext).toBeNull()
  })

  it('measures time in stage (median, p90), the stays over the norm and the deals stalled now', () => {
    expect([stage('NEW').medianMs, stage('NEW').p90Ms]).toEqual([10.5 * H, 20 * H])
    expect([stage('EXP').medianMs, stage('EXP').p90Ms, stage('EXP').normMs]).toEqual([19 * H, 19 * H, 5 * H])
    expect(stage('EXP').overNorm).toEqual([2, 2])
    expect(stage('EXP').stalled).toEqual([3, 4])
    // No norm for OFFER: its p90 (37 h) is the limit; deal 5 has sat there 190 h.
    expect(stage('OFFER').stalled).toEqual([5])
    expect(stage('NEW').stalled).toEqual([])
    expect(stage('WON').medianMs).toBeNull()
  })
})

describe('median and percentile', () => {
  it('use the middle value and the nearest rank', () => {
    expect(median([1, 2, 3])).toBe(2)
    expect(median([1, 2, 3, 10])).toBe(2.5)
    expect(median([])).toBeNull()
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9)
    expect(percentile([5], 0.9)).toBe(5)
  })
})

describe('funnelNorms', () => {
  it('takes 5 hours for LEMUS express identification and nothing for stages without a fixed deadline', () => {
    const pipeline = {
      id: 1,
      name: 'товары ',
      stages: [
        { id: 'C1:NEW', name: 'Не обработан', semantic: 'P' as const, sort: 10 },
        { id: 'C1:EXPRESS_ID', name: 'Экспресс-идентификация', semantic: 'P' as const, sort: 20 },
        { id: 'C1:OFFER', name: 'Счет/КП', semantic: 'P' as const, sort: 30 },
      ],
    }
    const norms = funnelNorms(DEFAULT_PLAYBOOK, pipeline)
    expect(norms.get('C1:EXPRESS_ID')).toBe(5 * H)
    expect(norms.has('C1:NEW')).toBe(false)
    expect(norms.has('C1:OFFER')).toBe(false)
    expect(funnelNorms(DEFAULT_PLAYBOOK, { ...pipeline, name: 'Другая' }).size).toBe(0)
  })
})
