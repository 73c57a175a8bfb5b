import { command, toGatewayError } from '@/b24/gateway'
import type { Gateway, GatewayError, ScreenCommands } from '@/b24/gateway'
import { allUserFields } from '@/domain/fields'
import type { UserFieldDef } from '@/domain/fields'
import { DEFAULT_APP_OPTIONS } from '@/domain/install/default-options'
import { fieldLookupCommand, handlerUrl, planInstall, stepCommand } from '@/domain/install/plan'
import { RUNNER_EVENTS } from '@/domain/install/runner-events'
import { runnerUrlOptions } from '@/domain/install/runner-link'
import { BUILT_RUNNER_URL } from '@/b24/runner-connect'
import type { BoundEvent, DesiredState, ExistingField, InstallStep, PortalState } from '@/domain/install/plan'
import { findKosinoPipeline, type CategoryRow, type StageRow } from '@/domain/install/kosino-pipeline'
import { bindableEntries, manifest } from './manifest'
import type { WidgetEntry } from './manifest'

/**
 * The install executor: read what the portal has (placement.get, one userfield.list
 * per declared field, app.option.get), plan, apply the plan in batches, then
 * `installFinish`. Nothing is created blindly: a failed or repeated run is simply
 * planned again from the portal's state.
 */

export type InstallPhase = 'reading' | 'applying' | 'finishing' | 'done' | 'failed'

export interface StepReport {
  step: InstallStep
  status: 'pending' | 'done' | 'failed'
  error?: GatewayError
}

export interface InstallProgress {
  phase: InstallPhase
  steps: StepReport[]
  done: number
  total: number
  /** Set when the run stopped before applying (reading failed). */
  error?: GatewayError
}

/**
 * Offline events the install binds: new web-form leads (L3; widgets/lead-processing/new-lead-events.ts)
 * and everything the runner reads, which ONCRMLEADADD is part of.
 */
export const OFFLINE_EVENTS: readonly string[] = [...new Set(['ONCRMLEADADD', ...RUNNER_EVENTS])]

/** Options the install sets when missing: the defaults, and the runner's address when the build has one. */
export const INSTALL_OPTIONS: Readonly<Record<string, string>> = { ...DEFAULT_APP_OPTIONS, ...runnerUrlOptions(BUILT_RUNNER_URL) }

export function desiredState(
  appUrl: string,
  entries: readonly WidgetEntry[] = manifest,
  fields: readonly UserFieldDef[] = allUserFields,
  options: Readonly<Record<string, unknown>> = INSTALL_OPTIONS,
  offlineEvents: readonly string[] = OFFLINE_EVENTS,
): DesiredState {
  return {
    placements: bindableEntries(entries).map((entry) => ({
      widgetId: entry.id,
      placement: entry.placement,
      handler: handlerUrl(appUrl, entry.handlerQuery),
      titles: entry.titles,
    })),
    fields,
    options,
    offlineEvents,
    // Always: the app's playbook has the Kosino sale, and a portal without the pipeline gets it (issue 16).
    kosinoPipeline: true,
  }
}

const BATCH_LIMIT = 50
const asIs = (raw: unknown) => raw

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

export async function readPortalState(gateway: Gateway, desired: DesiredState): Promise<PortalState> {
  const commands: ScreenCommands = {
    placements: command('placement.get', {}, asIs),
    options: command('app.option.get', {}, asIs),
    // b24restdocs api-reference/events/event-get.md
    events: command('event.get', {}, asIs),
  }
  desired.fields.forEach((def, index) => {
    const [method, params] = fieldLookupCommand(def)
    commands[`f${index}`] = command(method, params, asIs)
  })
  const state: {
    placements: PortalState['placements']
    events: NonNullable<PortalState['events']>
    options: PortalState['options']
    fields: Record<string, ExistingField[]>
  } = {
    placements: [],
    events: [],
    options: null,
    fields: {},
  }
  const names = Object.keys(commands)
  for (const part of chunk(names, BATCH_LIMIT)) {
    const screen = await gateway.loadScreen(Object.fromEntries(part.map((name) => [name, commands[name]!])))
    for (const name of part) {
      const value = screen.value(name)
      if (name === 'placements') state.placements = Array.isArray(value) ? (value as PortalState['placements'] & unknown[]) : []
      else if (name === 'events') state.events = Array.isArray(value) ? (value as BoundEvent[]).filter((row) => typeof row?.event === 'string') : []
      else if (name === 'options') state.options = (value ?? null) as PortalState['options']
      else {
        const def = desired.fields[Number(name.slice(1))]!
        const rows = Array.isArray(value) ? (value as ExistingField[]) : []
        state.fields[def.entity] = [...(state.fields[def.entity] ?? []), ...rows]
      }
    }
  }
  return desired.kosinoPipeline ? { ...state, pipeline: await readPipeline(gateway) } : state
}

const rowsOf = <T>(raw: unknown, key?: string): T[] => {
  const value = key && raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>)[key] : raw
  return Array.isArray(value) ? (value as T[]) : []
}

/** The deal pipelines, and the Kosino one's stages when it is there (found by name). */
async function readPipeline(gateway: Gateway): Promise<NonNullable<PortalState['pipeline']>> {
  // b24restdocs api-reference/crm/universal/category/crm-category-list.md ({categories: […]})
  const categories = rowsOf<CategoryRow>(await gateway.call('crm.category.list', { entityTypeId: 2 }, { parse: asIs }), 'categories')
  const id = findKosinoPipeline(categories)
  if (id === null) return { categories, stages: [] }
  // crm/status/crm-status-list.md: a pipeline's stages are DEAL_STAGE_<id>
  const stages = rowsOf<StageRow>(await gateway.call('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${id}` }, order: { SORT: 'ASC' } }, { parse: asIs }))
  return { categories, stages }
}

export interface InstallOptions {
  gateway: Gateway
  desired: DesiredState
  /** `$b24.installFinish()`; omitted when re-running the install from the settings page. */
  finish?: () => Promise<unknown>
  onProgress?: (progress: InstallProgress) => void
}

export async function runInstall({ gateway, desired, finish, onProgress }: InstallOptions): Promise<InstallProgress> {
  const progress: InstallProgress = { phase: 'reading', steps: [], done: 0, total: 0 }
  const report = () => onProgress?.({ ...progress, steps: progress.steps.map((s) => ({ ...s })) })
  report()

  let steps: InstallStep[]
  try {
    steps = planInstall(desired, await readPortalState(gateway, desired))
  } catch (error) {
    progress.phase = 'failed'
    progress.error = toGatewayError(error)
    report()
    return progress
  }

  progress.phase = 'applying'
  progress.steps = steps.map((step) => ({ step, status: 'pending' }))
  progress.total = steps.length
  report()

  const apply = async (reports: StepReport[]) => {
    for (const part of chunk(reports, BATCH_LIMIT)) {
      const commands: ScreenCommands = {}
      part.forEach((report, index) => {
        const [method, params] = stepCommand(report.step)
        commands[`s${index}`] = command(method, params, asIs)
      })
      try {
        const screen = await gateway.loadScreen(commands)
        part.forEach((item, index) => {
          const error = screen.errors[`s${index}`]
          item.status = error ? 'failed' : 'done'
          if (error) item.error = error
        })
      } catch (error) {
        for (const item of part) {
          item.status = 'failed'
          item.error = toGatewayError(error)
        }
      }
      progress.done = progress.steps.filter((s) => s.status === 'done').length
      report()
    }
  }
  await apply(progress.steps)

  // A new pipeline has the portal's default stages, under an ID known only now: its stages are planned from a second read.
  const created = progress.steps.some((s) => s.status === 'done' && s.step.kind === 'pipeline' && s.step.step.kind === 'pipeline')
  if (created) {
    try {
      const pipeline = await readPipeline(gateway)
      const more = planInstall({ placements: [], fields: [], options: {}, kosinoPipeline: true }, { placements: [], fields: {}, options: null, pipeline })
      const reports: StepReport[] = more.map((step) => ({ step, status: 'pending' }))
      progress.steps.push(...reports)
      progress.total = progress.steps.length
      report()
      await apply(reports)
    } catch (error) {
      progress.phase = 'failed'
      progress.error = toGatewayError(error)
      report()
      return progress
    }
  }

  if (progress.steps.some((s) => s.status === 'failed')) {
    progress.phase = 'failed'
    report()
    return progress
  }
  if (finish) {
    progress.phase = 'finishing'
    report()
    // The portal saves and reloads its page without answering setInstallFinish.
    void finish().catch(() => undefined)
    return progress
  }
  progress.phase = 'done'
  report()
  return progress
}
