import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { toGatewayError } from '@/b24/gateway'
import type { GatewayError } from '@/b24/gateway'
import {
  buildInbox,
  issuesOfTrip,
  planContractStep,
  planTripDecision,
  planTripRequest,
  replayContract,
  replayTrips,
  type ApprovalSettings,
  type ContractReplay,
  type ContractStep,
  type Effect,
  type TripDecisionStep,
  type TripRequestInput,
  type TripsReplay,
} from '@/domain/approvals'
import { useAppContext } from '@/stores/app-context'
import { loadDealTab, loadInbox, uploadContractFile, type DealTabData, type InboxData } from './data'
import { runEffects } from './run-effects'
import { namesFrom, toContractView, toTripView, type ContractView, type TripView } from './view-model'

export interface InboxItemView {
  id: string
  kind: 'contract' | 'trip'
  todo: 'decide' | 'fix' | 'attach-and-submit'
  since: string
  contract?: ContractView
  trip?: TripView
}

export interface OwnRequestView {
  id: string
  kind: 'contract' | 'trip'
  updated: string
  contract?: ContractView
  trip?: TripView
}

/** A refused step: a domain reason (i18n key `refusal.<code>`) or a REST failure. */
export type ActionFailure = { code: string } | { gateway: GatewayError }

/** One key per filled form: a repeated send of the same form is the same request. */
export function newFormKey(me: number): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  return `apr:trip:req:${me}:${random}`
}

/**
 * The approvals widget's state: the deal tab (one deal's contract approval) and the inbox
 * (everything waiting for the user and his own requests). Every view is rebuilt from the
 * portal's records after each write.
 */
export const useApprovalsStore = defineStore('approvals', () => {
  const app = useAppContext()
  const loading = ref(false)
  const busy = ref(false)
  const error = shallowRef<GatewayError | null>(null)
  const failure = shallowRef<ActionFailure | null>(null)
  const warnings = shallowRef<Effect[]>([])

  const deal = shallowRef<{ data: DealTabData; replay: ContractReplay; view: ContractView } | null>(null)
  const inbox = shallowRef<{
    data: InboxData
    trips: TripsReplay
    waiting: InboxItemView[]
    mine: OwnRequestView[]
    contracts: Map<number, { replay: ContractReplay; data: InboxData['deals'][number] }>
  } | null>(null)
  const settings = shallowRef<ApprovalSettings | null>(null)
  const me = ref<number | null>(null)

  async function guarded(work: () => Promise<void>, flag: typeof loading): Promise<void> {
    flag.value = true
    error.value = null
    try {
      await work()
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      flag.value = false
    }
  }

  async function loadDeal(dealId: number): Promise<void> {
    await guarded(async () => {
      const data = await loadDealTab(app.requireGateway(), dealId)
      const replay = replayContract(
        { id: data.deal.id, categoryId: data.deal.categoryId, responsibleId: data.deal.responsibleId, file: data.deal.file },
        data.comments,
        data.settings,
      )
      const view = toContractView({ deal: data.deal, replay, me: data.me, names: namesFrom(data.users), tasks: data.tasks })
      deal.value = { data, replay, view }
      settings.value = data.settings
      me.value = data.me
    }, loading)
  }

  async function loadInboxScreen(): Promise<void> {
    await guarded(async () => {
      const data = await loadInbox(app.requireGateway())
      const names = namesFrom(data.users)
      const contracts = new Map<number, { replay: ContractReplay; data: InboxData['deals'][number] }>()
      const cases = data.deals.map((entry) => {
        const replay = replayContract(
          { id: entry.deal.id, categoryId: entry.deal.categoryId, responsibleId: entry.deal.responsibleId, file: entry.deal.file },
          entry.comments,
          data.settings,
        )
        contracts.set(entry.deal.id, { replay, data: entry })
        return { deal: { id: entry.deal.id, title: entry.deal.title }, replay }
      })
      const trips = replayTrips(data.tasks, data.settings)
      const model = buildInbox(data.me, cases, trips.trips, data.settings)
      const contractView = (dealId: number) => {
        const found = contracts.get(dealId)!
        return toContractView({ deal: found.data.deal, replay: found.replay, me: data.me, names, tasks: [] })
      }
      const tripView = (trip: (typeof trips.trips)[number]) =>
        toTripView(trip, data.me, data.settings.tripApprover, names, issuesOfTrip(trips, data.tasks, trip.requestTaskId))
      inbox.value = {
        data,
        trips,
        contracts,
        waiting: model.waiting.map((item) =>
          item.kind === 'contract'
            ? { id: item.id, kind: 'contract', todo: item.todo, since: item.since, contract: contractView(item.case.deal.id) }
            : { id: item.id, kind: 'trip', todo: 'decide', since: item.since, trip: tripView(item.trip) },
        ),
        mine: model.mine.map((item) =>
          item.kind === 'contract'
            ? { id: item.id, kind: 'contract', updated: item.updated, contract: contractView(item.case.deal.id) }
            : { id: item.id, kind: 'trip', updated: item.updated, trip: tripView(item.trip) },
        ),
      }
      settings.value = data.settings
      me.value = data.me
    }, loading)
  }

  /** Runs a plan; returns true when the record was written. */
  async function execute(plan: { ok: true; effects: Effect[] } | { ok: false; error: string }, actor: number): Promise<boolean> {
    failure.value = null
    warnings.value = []
    if (!plan.ok) {
      failure.value = { code: plan.error }
      return false
    }
    busy.value = true
    try {
      const outcome = await runEffects(app.requireGateway(), actor, plan.effects)
      warnings.value = outcome.warnings.map((w) => w.effect)
      return true
    } catch (raw) {
      failure.value = { gateway: toGatewayError(raw) }
      return false
    } finally {
      busy.value = false
    }
  }

  async function contractStepOnDeal(step: ContractStep): Promise<boolean> {
    const current = deal.value
    if (!current) return false
    const plan = planContractStep(
      {
        deal: { id: current.data.deal.id, title: current.data.deal.title },
        replay: current.replay,
        actor: current.data.me,
        at: new Date().toISOString(),
        draftTaskId: current.view.draftTaskId,
        fixTaskId: current.view.fixTaskId,
      },
      step,
    )
    const done = await execute(plan, current.data.me)
    await loadDeal(current.data.deal.id)
    return done
  }

  async function uploadFile(file: File): Promise<boolean> {
    const current = deal.value
    if (!current) return false
    failure.value = null
    busy.value = true
    try {
      const base64 = await fileToBase64(file)
      await uploadContractFile(app.requireGateway(), current.data.deal.id, file.name, base64)
    } catch (raw) {
      failure.value = { gateway: toGatewayError(raw) }
      return false
    } finally {
      busy.value = false
    }
    await loadDeal(current.data.deal.id)
    return true
  }

  async function contractStepInInbox(dealId: number, step: ContractStep): Promise<boolean> {
    const current = inbox.value
    const found = current?.contracts.get(dealId)
    if (!current || !found) return false
    const plan = planContractStep(
      { deal: { id: dealId, title: found.data.deal.title }, replay: found.replay, actor: current.data.me, at: new Date().toISOString() },
      step,
    )
    const done = await execute(plan, current.data.me)
    await loadInboxScreen()
    return done
  }

  async function decideTrip(requestTaskId: number, step: TripDecisionStep): Promise<boolean> {
    const current = inbox.value
    const trip = current?.trips.trips.find((t) => t.requestTaskId === requestTaskId)
    if (!current || !trip) return false
    const names = namesFrom(current.data.users)
    const plan = planTripDecision(
      { trip, actor: current.data.me, at: new Date().toISOString(), settings: current.data.settings, initiatorName: names(trip.state.initiator) },
      step,
    )
    const done = await execute(plan, current.data.me)
    await loadInboxScreen()
    return done
  }

  async function requestTrip(input: TripRequestInput, formKey: string): Promise<{ ok: boolean; fields?: Record<string, string> }> {
    if (!inbox.value) await loadInboxScreen()
    const current = inbox.value
    if (!current) return { ok: false }
    const plan = planTripRequest(input, current.data.settings, formKey)
    if (!plan.ok && plan.fields) {
      failure.value = { code: plan.error }
      return { ok: false, fields: plan.fields }
    }
    const done = await execute(plan, current.data.me)
    await loadInboxScreen()
    return { ok: done }
  }

  return {
    loading, busy, error, failure, warnings, deal, inbox, settings, me,
    loadDeal, loadInboxScreen, contractStepOnDeal, uploadFile, contractStepInInbox, decideTrip, requestTrip,
  }
})

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
