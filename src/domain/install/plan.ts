import type { EnumerationItem, UserFieldDef, UserFieldEntity } from '../fields/types'
import { pipelineStepCommand, planKosinoPipeline, type CategoryRow, type PipelineStep, type StageRow } from './kosino-pipeline'

/**
 * The install as a pure plan: given what the portal already has, the steps that bring
 * it to what the app needs. Running the plan and planning again yields no steps, which
 * is what makes a second install change and duplicate nothing.
 */

export interface DesiredPlacement {
  widgetId: string
  placement: string
  handler: string
  titles: { ru: string; en: string }
}

/** A row of `placement.get` (b24restdocs `api-reference/widgets/placement-get.md`). */
export interface BoundPlacement {
  placement: string
  handler: string
}

/** A row of `crm.<entity>.userfield.list`, as far as the plan needs it. */
export interface ExistingField {
  ID: string | number
  FIELD_NAME: string
  LIST?: { ID?: string | number; XML_ID?: string | null }[] | null
}

/** A row of `event.get` (b24restdocs `api-reference/events/event-get.md`): offline rows have no handler. */
export interface BoundEvent {
  event: string
  offline: number | string | boolean
  connector_id?: string
}

export interface PortalState {
  placements: readonly BoundPlacement[]
  /** `event.get`; absent when not read (older callers), which plans every desired event. */
  events?: readonly BoundEvent[]
  fields: Readonly<Partial<Record<UserFieldEntity, readonly ExistingField[]>>>
  /** `app.option.get` result: all keys; `[]` or null when none are set. */
  options: Readonly<Record<string, unknown>> | readonly unknown[] | null
  /** The deal pipelines (crm.category.list) and the Kosino pipeline's stages, when it was asked for. */
  pipeline?: { categories: readonly CategoryRow[]; stages: readonly StageRow[] }
}

export interface DesiredState {
  placements: readonly DesiredPlacement[]
  /**
   * Events the app takes as offline events (b24restdocs `api-reference/events/offline-events.md`):
   * the portal queues them and the app collects them with event.offline.get — no server needed.
   */
  offlineEvents?: readonly string[]
  fields: readonly UserFieldDef[]
  options: Readonly<Record<string, unknown>>
  /** Create the Kosino sale's pipeline «Продажи ППК Косино» with its stages when the portal lacks it (issue 16). */
  kosinoPipeline?: boolean
}

export type InstallStep =
  | { kind: 'bind'; target: DesiredPlacement }
  | { kind: 'field'; def: UserFieldDef }
  | { kind: 'items'; def: UserFieldDef; fieldId: number; items: EnumerationItem[] }
  | { kind: 'options'; options: Record<string, unknown> }
  | { kind: 'event'; event: string }
  | { kind: 'pipeline'; step: PipelineStep }

/** `http://host/app/` + `widget=next-steps` → `http://host/app/?widget=next-steps` (no hash, no other query). */
export function handlerUrl(appUrl: string, handlerQuery: string): string {
  const url = new URL(appUrl)
  url.hash = ''
  url.search = handlerQuery
  return url.toString()
}

function sameHandler(a: string, b: string): boolean {
  const normalize = (value: string) => value.trim().replace(/\/(\?|$)/, '$1')
  return normalize(a) === normalize(b)
}

export function planInstall(desired: DesiredState, portal: PortalState): InstallStep[] {
  const steps: InstallStep[] = []

  for (const target of desired.placements) {
    const bound = portal.placements.some((row) => row.placement === target.placement && sameHandler(row.handler, target.handler))
    if (!bound) steps.push({ kind: 'bind', target })
  }

  for (const def of desired.fields) {
    const existing = (portal.fields[def.entity] ?? []).find((field) => field.FIELD_NAME === def.fieldName)
    if (!existing) {
      steps.push({ kind: 'field', def })
      continue
    }
    const known = new Set((existing.LIST ?? []).map((item) => item.XML_ID).filter((code): code is string => !!code))
    const missing = (def.items ?? []).filter((item) => !known.has(item.xmlId))
    if (def.type === 'enumeration' && missing.length > 0) {
      steps.push({ kind: 'items', def, fieldId: Number(existing.ID), items: missing })
    }
  }

  // event.bind refuses a duplicate, so only events event.get does not list as offline are bound.
  for (const event of desired.offlineEvents ?? []) {
    const name = event.toUpperCase()
    const bound = (portal.events ?? []).some((row) => row.event.toUpperCase() === name && Number(row.offline) === 1 && !row.connector_id)
    if (!bound) steps.push({ kind: 'event', event: name })
  }

  if (desired.kosinoPipeline && portal.pipeline) {
    for (const step of planKosinoPipeline(portal.pipeline.categories, portal.pipeline.stages)) steps.push({ kind: 'pipeline', step })
  }

  const current = portal.options && !Array.isArray(portal.options) ? (portal.options as Record<string, unknown>) : {}
  const unset = Object.entries(desired.options).filter(([key]) => current[key] === undefined || current[key] === null)
  if (unset.length > 0) steps.push({ kind: 'options', options: Object.fromEntries(unset) })

  return steps
}

const yn = (flag: boolean) => (flag ? 'Y' : 'N')

/** The REST call that performs a step. */
export function stepCommand(step: InstallStep): [string, Record<string, unknown>] {
  switch (step.kind) {
    case 'bind':
      // b24restdocs api-reference/widgets/placement-bind.md
      return ['placement.bind', {
        PLACEMENT: step.target.placement,
        HANDLER: step.target.handler,
        TITLE: step.target.titles.ru,
        LANG_ALL: {
          ru: { TITLE: step.target.titles.ru },
          en: { TITLE: step.target.titles.en },
        },
      }]
    case 'field': {
      // b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md
      const { def } = step
      const label = { ru: def.label.ru, en: def.label.en }
      const fields: Record<string, unknown> = {
        FIELD_NAME: def.fieldName,
        USER_TYPE_ID: def.type,
        XML_ID: def.fieldName,
        LABEL: def.label.ru,
        EDIT_FORM_LABEL: label,
        LIST_COLUMN_LABEL: label,
        LIST_FILTER_LABEL: label,
        MULTIPLE: yn(def.multiple === true),
        SHOW_FILTER: yn(def.filterable !== false),
        SHOW_IN_LIST: 'Y',
        EDIT_IN_LIST: 'Y',
      }
      if (def.settings) fields.SETTINGS = def.settings
      if (def.items) fields.LIST = def.items.map(listItem)
      return [`crm.${def.entity}.userfield.add`, { fields }]
    }
    case 'items':
      // crm-deal-userfield-update.md: LIST items without ID are added, the others kept.
      return [`crm.${step.def.entity}.userfield.update`, { id: step.fieldId, fields: { LIST: step.items.map(listItem) } }]
    case 'options':
      // b24restdocs api-reference/common/settings/app-option-set.md
      return ['app.option.set', { options: step.options }]
    case 'event':
      // b24restdocs api-reference/events/event-bind.md: offline needs no handler (admin only)
      return ['event.bind', { event: step.event, event_type: 'offline' }]
    case 'pipeline':
      return pipelineStepCommand(step.step)
  }
}

function listItem(item: EnumerationItem) {
  return { VALUE: item.value, SORT: item.sort, XML_ID: item.xmlId, DEF: 'N' }
}

/** The userfield.list query for one declared field (by name, so paging never hides it). */
export function fieldLookupCommand(def: UserFieldDef): [string, Record<string, unknown>] {
  // b24restdocs api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.md
  return [`crm.${def.entity}.userfield.list`, { filter: { FIELD_NAME: def.fieldName } }]
}
