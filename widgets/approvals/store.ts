import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, toRaw } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import {
  approvalFileStep,
  buildInbox,
  checkContractFile,
  checkTripForm,
  contractFollowUps,
  contractUnfinished,
  effectSteps,
  INPUT_LIMITS,
  issuesOfTrip,
  lookUpFirst,
  planContractStep,
  planReportStep,
  planTripDecision,
  planTripRequest,
  referenceIssues,
  replayContract,
  replayReport,
  replayTrips,
  REPORT_TASK_TITLE,
  reportFollowUps,
  reportStarted,
  tripFollowUps,
  type ApprovalSettings,
  type ContractReplay,
  type ContractStep,
  type Effect,
  type FileVersion,
  type ReportStep,
  type RoundProcess,
  type FieldIssue,
  type TripDecisionStep,
  type TripFormIssues,
  type TripFormText,
  type TripsReplay,
} from '@/domain/approvals'
import { newPlan, type Params, type PlanText, type WritePlan, type WriteStep } from '@/domain/write-plan'
import { useAppContext } from '@/stores/app-context'
import { newPlanId, useRecordPlans } from '@/stores/record-plans'
import { findReferences, loadDealTab, loadInbox, type DealTabData, type InboxData } from './data'
import { messages } from './messages'
import { namesFrom, toContractView, toTripView, type ContractView, type TripView } from './view-model'

export interface InboxItemView {
  id: string
  kind: 'contract' | 'report' | 'trip'
  todo: 'decide' | 'fix' | 'attach-and-submit' | 'finish'
  since: string
  /** The contract's or the measurement report's card (its `process` says which). */
  contract?: ContractView
  trip?: TripView
}

export interface OwnRequestView {
  id: string
  kind: 'contract' | 'report' | 'trip'
  updated: string
  contract?: ContractView
  trip?: TripView
}

/** One deal's row as both round processes replay it. */
interface DealReplays {
  replay: ContractReplay
  report: ContractReplay
  data: InboxData['deals'][number]
}

/** The report's own refusals where the contract's words would name the contract. */
const REPORT_REFUSALS: Record<string, string> = {
  'not-responsible-or-initiator': 'report-not-responsible',
  'file-required': 'report-file-required',
  'no-approver-configured': 'report-no-approver',
}

/** A refused step: a domain reason (i18n key `refusal.<code>`, with what it names) or a REST failure. */
export type ActionFailure = { code: string; params?: FieldIssue['params'] } | { gateway: GatewayError }

/** What the last write finished (its success text), and for which item or form. */
export interface WriteDone {
  kind: 'contract' | 'file' | 'report-file' | 'decision' | 'trip-request' | 'finish'
  meta?: Params
}

/** One key per filled form: a repeated send of the same form is the same request. */
export function newFormKey(me: number): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  return `apr:trip:req:${me}:${random}`
}

/** Every write of the inbox and the trip page is listed there; the deal tab lists the deal's own. */
export const INBOX_SCOPE = 'approvals:inbox'
const dealScope = (dealId: number) => `deal:${dealId}`

type TitleKey = keyof (typeof messages)['ru']['planTitle']

/** A plan's title in both languages: the journal keeps it for whichever screen resumes it. */
function planTitle(key: TitleKey, params: Record<string, string>): PlanText {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '')
  return { ru: fill(messages.ru.planTitle[key]), en: fill(messages.en.planTitle[key]) }
}

/**
 * The approvals widget's state: the deal tab (one deal's contract approval) and the inbox
 * (everything waiting for the user and his own requests). Every view is rebuilt from the
 * portal's records after each write; every write is a write plan, and a step whose record is
 * in the portal but whose follow-ups are not is shown as unfinished (derived from the portal,
 * whichever browser started it) until «Повторить» finishes it.
 */
export const useApprovalsStore = defineStore('approvals', () => {
  const app = useAppContext()
  const loading = ref(false)
  const checking = ref(false)
  const error = shallowRef<GatewayError | null>(null)
  const failure = shallowRef<ActionFailure | null>(null)
  const done = shallowRef<WriteDone | null>(null)
  const plans = markRaw(useRecordPlans(() => app.frame, () => app.requireGateway()))
  const busy = computed(() => checking.value || plans.busy.value)

  const deal = shallowRef<{
    data: DealTabData
    replay: ContractReplay
    view: ContractView
    /** The measurement report (LEMUS §4): shown once the stage's report task or a round exists. */
    report: { replay: ContractReplay; view: ContractView; shown: boolean }
  } | null>(null)
  const inbox = shallowRef<{
    data: InboxData
    trips: TripsReplay
    waiting: InboxItemView[]
    mine: OwnRequestView[]
    contracts: Map<number, DealReplays>
  } | null>(null)
  const settings = shallowRef<ApprovalSettings | null>(null)
  const me = ref<number | null>(null)
  /** Which screen this store serves: a resumed plan reloads it. */
  let screen: { kind: 'deal'; dealId: number } | { kind: 'inbox' } | null = null
  /**
   * Names of the files this browser put on a deal. The portal's file field gives an id and a
   * link only; the name known at upload goes with the file into its round's record, where
   * everyone reads it back. `pending`: the upload under way (its file is the one the deal
   * holds next, if that is a new id).
   */
  const uploadedNames = new Map<number, string>()
  let pendingUpload: { dealId: number; process: RoundProcess; previousId: number | null; name: string } | null = null

  function named(row: DealTabData['deal']): DealTabData['deal'] {
    if (pendingUpload?.dealId === row.id) {
      const file = pendingUpload.process === 'report' ? row.reportFile : row.file
      if (file && file.id !== pendingUpload.previousId) uploadedNames.set(file.id, pendingUpload.name)
    }
    const withName = (file: FileVersion | null) => (file && !file.name && uploadedNames.has(file.id) ? { ...file, name: uploadedNames.get(file.id)! } : file)
    return { ...row, file: withName(row.file), reportFile: withName(row.reportFile) }
  }

  async function guarded(work: () => Promise<void>): Promise<void> {
    loading.value = true
    error.value = null
    try {
      await work()
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
    }
  }

  async function loadDeal(dealId: number): Promise<void> {
    screen = { kind: 'deal', dealId }
    await guarded(async () => {
      const loaded = await loadDealTab(app.requireGateway(), dealId)
      const data = { ...loaded, deal: named(loaded.deal) }
      const { replay, report } = replayDeal(data.deal, data.comments, data.settings)
      const names = namesFrom(data.users)
      const view = toContractView({ deal: data.deal, replay, me: data.me, names, tasks: data.tasks })
      const reportView = toContractView({ deal: reportRow(data.deal), replay: report, me: data.me, names, tasks: data.tasks, process: 'report' })
      const shown = reportStarted(report) || data.tasks.some((task) => task.title === REPORT_TASK_TITLE)
      deal.value = { data, replay, view, report: { replay: report, view: reportView, shown } }
      settings.value = data.settings
      me.value = data.me
      // Listing the deal's unfinished writes only reads this browser's journal; nothing is resumed unasked.
      await plans.open(data.me, dealScope(dealId))
    })
  }

  async function loadInboxScreen(): Promise<void> {
    screen = { kind: 'inbox' }
    await guarded(async () => {
      const data = await loadInbox(app.requireGateway())
      const names = namesFrom(data.users)
      const contracts = new Map<number, DealReplays>()
      for (const entry of data.deals) contracts.set(entry.deal.id, { ...replayDeal(entry.deal, entry.comments, data.settings), data: entry })
      const cases = [...contracts.values()].map(({ replay, data: entry }) => ({ deal: { id: entry.deal.id, title: entry.deal.title, cachedState: entry.deal.cachedState }, replay }))
      const reportCases = [...contracts.values()].map(({ report, data: entry }) => ({ deal: { id: entry.deal.id, title: entry.deal.title, cachedState: entry.deal.reportCachedState }, replay: report }))
      const trips = replayTrips(data.tasks, data.settings)
      const model = buildInbox(data.me, cases, trips.trips, data.settings, reportCases)
      const contractView = (dealId: number) => {
        const found = contracts.get(dealId)!
        return toContractView({ deal: found.data.deal, replay: found.replay, me: data.me, names, tasks: [] })
      }
      // The inbox knows the report's fix task from my own tasks (the approver created it for me).
      const reportView = (dealId: number) => {
        const found = contracts.get(dealId)!
        return toContractView({ deal: reportRow(found.data.deal), replay: found.report, me: data.me, names, tasks: data.tasks, process: 'report' })
      }
      const tripView = (trip: (typeof trips.trips)[number]) =>
        toTripView(trip, data.me, data.settings.tripApprover, names, issuesOfTrip(trips, data.tasks, trip.requestTaskId))
      inbox.value = {
        data,
        trips,
        contracts,
        waiting: model.waiting.map((item): InboxItemView => {
          const base = { id: item.id, kind: item.kind, todo: item.todo, since: item.since }
          if (item.kind === 'trip') return { ...base, trip: tripView(item.trip) }
          return { ...base, contract: item.kind === 'report' ? reportView(item.case.deal.id) : contractView(item.case.deal.id) }
        }),
        mine: model.mine.map((item): OwnRequestView => {
          const base = { id: item.id, kind: item.kind, updated: item.updated }
          if (item.kind === 'trip') return { ...base, trip: tripView(item.trip) }
          return { ...base, contract: item.kind === 'report' ? reportView(item.case.deal.id) : contractView(item.case.deal.id) }
        }),
      }
      settings.value = data.settings
      me.value = data.me
      await plans.open(data.me, INBOX_SCOPE)
      await dropFinishedTripPlans(trips)
    })
  }

  /**
   * A decision of this browser left half done that the portal shows finished (its request is
   * closed: the runner wrote the rest) is dropped from the journal, so «Повторить» cannot write
   * the accountant's task a second time. Only this browser's storage changes; the portal is not written.
   */
  async function dropFinishedTripPlans(trips: TripsReplay): Promise<void> {
    const finished = new Set(trips.trips.filter((trip) => trip.state.decision !== null && !trip.requestTaskOpen).map((trip) => `trip:${trip.requestTaskId}`))
    for (const plan of plans.unfinished.value) {
      if (typeof plan.meta?.item === 'string' && finished.has(plan.meta.item)) await plans.discard(plan.id)
    }
  }

  async function reload(): Promise<void> {
    if (screen?.kind === 'deal') await loadDeal(screen.dealId)
    else if (screen?.kind === 'inbox') await loadInboxScreen()
  }

  function startAction(): boolean {
    if (busy.value) return false
    failure.value = null
    done.value = null
    return true
  }

  /**
   * Runs a plan. «Done» (the success text) only when the portal holds every step; otherwise the
   * plan stays in the journal and <WritePlanStatus> offers «Повторить». The screen is read again
   * either way: what it shows is what the portal holds.
   */
  async function run(make: () => WritePlan, kind: WriteDone['kind']): Promise<boolean> {
    let result: WritePlan | null = null
    try {
      result = await plans.run(make())
    } catch (raw) {
      failure.value = { gateway: toGatewayError(raw) }
    }
    if (result?.status === 'done') done.value = { kind, ...(result.meta ? { meta: result.meta } : {}) }
    await reload()
    return result?.status === 'done'
  }

  function write(steps: WriteStep[], options: { id: string; scope: string; title: PlanText; meta: Params; lookUp?: boolean; kind: WriteDone['kind'] }): Promise<boolean> {
    return run(() => {
      const plan = newPlan({ id: options.id, scope: options.scope, title: options.title, steps, now: new Date(), meta: options.meta })
      // A create that may already be in the portal is looked up before it is sent.
      return options.lookUp ? lookUpFirst(plan) : plan
    }, options.kind)
  }

  function writeEffects(effects: Effect[], options: Omit<Parameters<typeof write>[1], 'id'>): Promise<boolean> {
    const id = newPlanId()
    return write(effectSteps(effects, me.value ?? 0, id), { ...options, id })
  }

  function refuse(code: string, process: RoundProcess = 'contract'): false {
    const shown = process === 'report' ? REPORT_REFUSALS[code] ?? code : code
    failure.value = code === 'text-too-long' ? { code, params: { max: INPUT_LIMITS.decisionText } } : { code: shown }
    return false
  }

  async function contractStep(dealId: number, step: ContractStep, scope: string): Promise<boolean> {
    const current = deal.value?.data.deal.id === dealId ? deal.value : null
    const found = current ? null : inbox.value?.contracts.get(dealId)
    const replay = current?.replay ?? found?.replay
    const title = current?.data.deal.title ?? found?.data.deal.title ?? ''
    if (!replay || me.value === null || !startAction()) return false
    const planned = planContractStep(
      {
        deal: { id: dealId, title },
        replay,
        actor: me.value,
        at: new Date().toISOString(),
        draftTaskId: current?.view.draftTaskId ?? null,
        fixTaskId: current?.view.fixTaskId ?? null,
      },
      step,
    )
    if (!planned.ok) return refuse(planned.error)
    return writeEffects(planned.effects, { scope, title: planTitle(step.action, { deal: title }), meta: { item: `contract:${dealId}` }, kind: 'contract' })
  }

  const contractStepOnDeal = (step: ContractStep) => (deal.value ? contractStep(deal.value.data.deal.id, step, dealScope(deal.value.data.deal.id)) : Promise.resolve(false))
  const contractStepInInbox = (dealId: number, step: ContractStep) => contractStep(dealId, step, INBOX_SCOPE)

  /** The deal's report as this screen knows it (the deal tab, or the inbox's row of the deal). */
  function reportOf(dealId: number) {
    const current = deal.value?.data.deal.id === dealId ? deal.value : null
    if (current) return { replay: current.report.replay, row: current.data.deal, fixTaskId: current.report.view.fixTaskId, scope: dealScope(dealId) }
    const found = inbox.value?.contracts.get(dealId)
    const fixTaskId = found ? inbox.value!.waiting.find((item) => item.id === `report:${dealId}`)?.contract?.fixTaskId ?? null : null
    return found ? { replay: found.report, row: found.data.deal, fixTaskId, scope: INBOX_SCOPE } : null
  }

  async function reportStep(dealId: number, step: ReportStep): Promise<boolean> {
    const found = reportOf(dealId)
    if (!found || me.value === null || !startAction()) return false
    const planned = planReportStep({ deal: { id: dealId, title: found.row.title }, replay: found.replay, actor: me.value, at: new Date().toISOString(), fixTaskId: found.fixTaskId }, step)
    if (!planned.ok) return refuse(planned.error, 'report')
    const title = planTitle(`report-${step.action}` as TitleKey, { deal: found.row.title })
    return writeEffects(planned.effects, { scope: found.scope, title, meta: { item: `report:${dealId}` }, kind: 'contract' })
  }

  /** The follow-ups of the user's own report step that the portal does not hold yet. */
  async function finishReport(dealId: number): Promise<boolean> {
    const found = reportOf(dealId)
    if (!found || !startAction()) return false
    const unfinished = contractUnfinished(found.replay, found.row.reportCachedState)
    if (!unfinished || unfinished.action === 'start') return false
    const effects = reportFollowUps({ deal: { id: dealId, title: found.row.title }, roles: found.replay.roles, state: found.replay.state, action: unfinished.action, fixTaskId: found.fixTaskId })
    return writeEffects(effects, { scope: found.scope, title: planTitle('finishReport', { deal: found.row.title }), meta: { item: `report:${dealId}` }, lookUp: true, kind: 'finish' })
  }

  /** The follow-ups of the user's own step that the portal does not hold yet; each create is looked up before it is sent. */
  async function finishContract(dealId: number): Promise<boolean> {
    const current = deal.value?.data.deal.id === dealId ? deal.value : null
    const found = current ? null : inbox.value?.contracts.get(dealId)
    const replay = current?.replay ?? found?.replay
    const row = current?.data.deal ?? found?.data.deal
    if (!replay || !row || !startAction()) return false
    const unfinished = contractUnfinished(replay, row.cachedState)
    if (!unfinished) return false
    const effects = contractFollowUps({
      deal: { id: dealId, title: row.title },
      roles: replay.roles,
      state: replay.state,
      action: unfinished.action,
      draftTaskId: current?.view.draftTaskId ?? null,
      fixTaskId: current?.view.fixTaskId ?? null,
    })
    const scope = current ? dealScope(dealId) : INBOX_SCOPE
    return writeEffects(effects, { scope, title: planTitle('finishContract', { deal: row.title }), meta: { item: `contract:${dealId}` }, lookUp: true, kind: 'finish' })
  }

  /** A new version of the contract draft, or of the measurement report (`process`). */
  async function uploadFile(file: File, process: RoundProcess = 'contract'): Promise<boolean> {
    const current = deal.value
    if (!current || !startAction()) return false
    const issue = checkContractFile({ name: file.name, size: file.size })
    if (issue) {
      failure.value = issue
      return false
    }
    let base64: string
    try {
      base64 = await fileToBase64(file)
    } catch (raw) {
      failure.value = { gateway: toGatewayError(raw) }
      return false
    }
    const id = newPlanId()
    const dealId = current.data.deal.id
    const previous = process === 'report' ? current.data.deal.reportFile : current.data.deal.file
    pendingUpload = { dealId, process, previousId: previous?.id ?? null, name: file.name }
    try {
      return await write([approvalFileStep(process, dealId, file.name, base64, id)], {
        id,
        scope: dealScope(dealId),
        title: planTitle(process === 'report' ? 'reportFile' : 'file', { deal: current.data.deal.title }),
        meta: { item: `${process}:${dealId}` },
        kind: process === 'report' ? 'report-file' : 'file',
      })
    } finally {
      pendingUpload = null
    }
  }

  function tripOf(requestTaskId: number) {
    const current = inbox.value
    const trip = current?.trips.trips.find((t) => t.requestTaskId === requestTaskId)
    return current && trip ? { current, trip, initiatorName: namesFrom(current.data.users)(trip.state.initiator) } : null
  }

  async function decideTrip(requestTaskId: number, step: TripDecisionStep): Promise<boolean> {
    const found = tripOf(requestTaskId)
    if (!found || !startAction()) return false
    const { current, trip, initiatorName } = found
    const planned = planTripDecision({ trip, actor: current.data.me, at: new Date().toISOString(), settings: current.data.settings, initiatorName }, step)
    if (!planned.ok) return refuse(planned.error)
    const title = planTitle(step.decision === 'approve' ? 'tripApprove' : 'tripReject', { destination: trip.state.request.destination })
    return writeEffects(planned.effects, { scope: INBOX_SCOPE, title, meta: { item: `trip:${requestTaskId}` }, kind: 'decision' })
  }

  /** The follow-ups of a recorded decision the portal does not hold yet (the request still open). */
  async function finishTrip(requestTaskId: number): Promise<boolean> {
    const found = tripOf(requestTaskId)
    if (!found || !startAction()) return false
    const { current, trip, initiatorName } = found
    const effects = tripFollowUps({ trip, settings: current.data.settings, initiatorName, now: new Date() })
    const title = planTitle('finishTrip', { destination: trip.state.request.destination })
    return writeEffects(effects, { scope: INBOX_SCOPE, title, meta: { item: `trip:${requestTaskId}` }, lookUp: true, kind: 'finish' })
  }

  /**
   * Sends a trip request: the form checked, then the deal and company it names looked up, then
   * one plan. `formKey` names the filled form; when it was sent before (`repeated`) the request
   * is looked up before it is created, and the earlier attempt's journal entry is replaced.
   */
  async function requestTrip(form: TripFormText, formKey: string, repeated: boolean, today: string): Promise<{ ok: boolean; issues?: TripFormIssues }> {
    if (!inbox.value) await loadInboxScreen()
    const current = inbox.value
    if (!current || !startAction()) return { ok: false }
    const checked = checkTripForm(form, today)
    if (!checked.input) return { ok: false, issues: checked.issues }
    checking.value = true
    let issues: TripFormIssues
    try {
      issues = referenceIssues(checked.input, await findReferences(app.requireGateway(), checked.input))
    } catch (raw) {
      failure.value = { gateway: toGatewayError(raw) }
      return { ok: false }
    } finally {
      checking.value = false
    }
    if (Object.keys(issues).length > 0) return { ok: false, issues }
    const planned = planTripRequest(checked.input, current.data.settings, formKey)
    if (!planned.ok) return { ok: refuse(planned.error) }
    for (const earlier of plans.unfinished.value.filter((plan) => plan.meta?.formKey === formKey)) await plans.discard(earlier.id)
    const ok = await writeEffects(planned.effects, {
      scope: INBOX_SCOPE,
      title: planTitle('tripRequest', { destination: checked.input.destination }),
      meta: { formKey },
      lookUp: repeated,
      kind: 'trip-request',
    })
    return { ok }
  }

  /** «Повторить» of an unfinished plan: its done steps are kept, and every create is looked up before it is sent. */
  async function resume(planId: string): Promise<void> {
    const plan = plans.unfinished.value.find((candidate) => candidate.id === planId)
    if (!plan || !startAction()) return
    // The plain plan, not the list's reactive proxy (the SDK clones what it sends).
    await run(() => lookUpFirst(toRaw(plan)), plan.meta?.formKey ? 'trip-request' : 'finish')
  }

  return {
    loading, busy, error, failure, done, plans, deal, inbox, settings, me,
    loadDeal, loadInboxScreen, contractStepOnDeal, contractStepInInbox, finishContract, uploadFile, reportStep, finishReport,
    decideTrip, finishTrip, requestTrip, resume,
  }
})

/** The two round processes of one deal, from the same timeline. */
function replayDeal(row: DealTabData['deal'], comments: DealTabData['comments'], settings: ApprovalSettings): { replay: ContractReplay; report: ContractReplay } {
  const facts = { id: row.id, categoryId: row.categoryId, responsibleId: row.responsibleId, file: row.file }
  return { replay: replayContract(facts, comments, settings), report: replayReport({ ...facts, file: row.reportFile }, comments, settings) }
}

/** The deal as the report's card reads it: the report's file and cache in the contract's places. */
function reportRow(row: DealTabData['deal']) {
  return { ...row, file: row.reportFile, cachedState: row.reportCachedState, fileUrl: row.reportFileUrl }
}

function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}
