// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { planInstall, type InstallStep } from '@/domain/install/plan'
import { createAppI18n } from '@/ui/i18n'
import { installStepLabel } from '@/shell/install-step-label'
import { desiredState } from '~placements/install'

// The install screen's step list on a fresh portal: every step the install makes, in both languages.
const fresh = planInstall(desiredState('https://widgets.example.com/'), { placements: [], events: [], fields: {}, options: null })
// A list's new values: planned only when the field exists already (an update of the app).
const listField = fresh.find((step): step is Extract<InstallStep, { kind: 'field' }> => step.kind === 'field' && step.def.entity === 'deal')!
const steps: InstallStep[] = [...fresh, { kind: 'items', def: listField.def, fieldId: 7, items: [] }]

describe.each(['ru', 'en'] as const)('install steps in %s', (lang) => {
  const i18n = createAppI18n(lang)
  const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {})
  const labels = steps.map((step) => installStepLabel(step, t, (key) => i18n.global.te(key), lang))

  it('covers tabs, fields, options and events', () => {
    expect(new Set(steps.map((step) => step.kind))).toEqual(new Set(['bind', 'field', 'items', 'options', 'event']))
  })

  it('names places, cards and events in words, never by their codes', () => {
    for (const label of labels) {
      expect(label).not.toMatch(/\b[A-Z]+_[A-Z_]+\b/) // CRM_DEAL_DETAIL_TAB, LEFT_MENU
      expect(label).not.toMatch(/\bON[A-Z]{4,}\b/) // ONCRMLEADADD
      expect(label).not.toMatch(/\((deal|company|lead|contact)\)|\bDEFAULT\b/)
      expect(label).not.toMatch(/[{}]|install\./)
    }
  })

  it('says where a tab appears and which card a field is on', () => {
    const nextSteps = steps.findIndex((step) => step.kind === 'bind' && step.target.placement === 'CRM_DEAL_DETAIL_TAB')
    const dealField = steps.findIndex((step) => step.kind === 'field' && step.def.entity === 'deal')
    const dealUpdate = steps.findIndex((step) => step.kind === 'event' && step.event === 'ONCRMDEALUPDATE')
    expect(labels[nextSteps]).toContain(lang === 'ru' ? 'вкладка в карточке сделки' : 'a tab on the deal card')
    expect(labels[dealField]).toContain(lang === 'ru' ? 'в карточке сделки' : 'on the deal card')
    expect(labels[dealUpdate]).toContain(lang === 'ru' ? 'сделка изменена' : 'a deal is changed')
  })
})
