import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { toGatewayError, type Gateway, type GatewayError } from '@/b24/gateway'
import { drillDown, type Dimension, type Measure } from '@/domain/reports/aggregate'
import { reportCacheKey } from '@/domain/reports/cache'
import { DEFAULT_REPORT_FIELDS } from '@/domain/reports/fields'
import type { DealFigures } from '@/domain/reports/figures'
import { applyFilter, filterCompanies, type ReportFilter } from '@/domain/reports/filters'
import { pipelineFunnel, type HistoryRow } from '@/domain/reports/funnel'
import { funnelNorms } from '@/domain/reports/funnel-norms'
import { meetingReport } from '@/domain/reports/meeting'
import { reportContext, type ReportData } from '@/domain/reports/model'
import { trendComparison, trendRange, trendSeries, type TrendStep } from '@/domain/reports/trend'
import { yearlyStatistics } from '@/domain/reports/yearly'
import { DEFAULT_PLAYBOOK } from '@/domain/playbook/defaults'
import { readCompanies, readMeta, readReportData, readStageHistory, type CompaniesRead, type ReadOptions, type ReadProgress } from './data'
import { createDealsWorker, type DealsWorker } from './deals-worker'
import type { ReportMetaData } from './deals-engine'
import { nextTask } from '@/ui/next-task'
import { periodRange, type PeriodPreset } from './period'

import type { ReportTab } from '@/domain/reports/report-view'
export type { ReportTab }
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'cancelled' | 'error'

export interface DrillSelection {
  dimension?: Dimension
  key?: string
  label: string
  measure: Measure
}

/** The report page: what was read (cached), the filters, and the figures derived from both. */
export const useReportsStore = defineStore('reports', () => {
  const data = shallowRef<ReportData | null>(null)
  const savedAt = ref<number | null>(null)
  const status = ref<LoadStatus>('idle')
  const progress = ref<ReadProgress | null>(null)
  const error = shallowRef<GatewayError | null>(null)
  const now = ref(Date.now())
  let controller: AbortController | null = null
  let cacheKey = ''

  const tab = ref<ReportTab>('deals')
  const dimension = ref<Dimension>('pipeline')
  const period = ref<PeriodPreset>('all')
  const customFrom = ref('')
  const customTo = ref('')
  const filter = reactive<{ categoryIds: number[]; departmentId: number; managerIds: number[]; periodField: 'created' | 'closed' }>({
    categoryIds: [],
    departmentId: 0,
    managerIds: [],
    periodField: 'created',
  })
  const drill = shallowRef<DrillSelection | null>(null)
  /** The saved views' user option and the app's code, read in the first batch (views-store.ts uses them). */
  const savedViews = shallowRef<unknown>(undefined)
  const appCode = ref<string | null>(null)
  const viewer = ref<number | null>(null)
  /** Companies and their client status moves, read when the yearly tab is first opened. */
  const companies = shallowRef<CompaniesRead | null>(null)
  /** The funnel tab: its pipeline and the stage history read per pipeline when first shown. */
  const funnelCategoryId = ref<number | null>(null)
  const histories = shallowRef(new Map<number, HistoryRow[]>())
  const historyLoading = ref(false)

  const context = computed(() => (data.value ? reportContext(data.value, now.value) : null))
  const range = computed(() => periodRange(period.value, new Date(now.value), customFrom.value, customTo.value))
  const activeFilter = computed<ReportFilter>(() => ({
    ...range.value,
    periodField: filter.periodField,
    categoryIds: filter.categoryIds,
    departmentId: filter.departmentId || undefined,
    managerIds: filter.managerIds,
  }))
  const filteredDeals = computed(() => (data.value && context.value ? applyFilter(data.value.deals, activeFilter.value, context.value) : []))
  /** Meeting and yearly reports take the period themselves, so they see all other filters but not it. */
  const unperiodDeals = computed(() =>
    data.value && context.value ? applyFilter(data.value.deals, { ...activeFilter.value, from: undefined, to: undefined }, context.value) : [],
  )
  /**
   * The deals tab's totals and groups, worked out by the deals worker (off the page's thread) for
   * each filter and grouping; the figures shown stay until the new ones arrive.
   */
  let worker: DealsWorker | null = null
  const deals = (): DealsWorker => (worker ??= createDealsWorker())
  const figures = shallowRef<DealFigures | null>(null)
  let figuresAsked = 0
  let figuresDone: Promise<void> = Promise.resolve()
  const totals = computed(() => figures.value?.totals ?? null)
  const groups = computed(() => figures.value?.groups ?? [])
  function askFigures(): Promise<void> {
    const ctx = context.value
    if (!data.value || !ctx) {
      figures.value = null
      return Promise.resolve()
    }
    const asked = ++figuresAsked
    const f = activeFilter.value
    // Plain data for the worker (the filter's arrays are reactive proxies, which do not cross).
    const query = {
      filter: { from: f.from, to: f.to, periodField: f.periodField, categoryIds: [...(f.categoryIds ?? [])], departmentId: f.departmentId, managerIds: [...(f.managerIds ?? [])] },
      dimension: dimension.value,
      now: ctx.now,
      currency: ctx.currency,
    }
    return deals()
      .figures(query)
      .then((result) => {
        if (asked === figuresAsked) figures.value = result
      })
      .catch((raw: unknown) => {
        if (asked === figuresAsked) error.value = toGatewayError(raw)
      })
  }
  watch([data, activeFilter, dimension, () => context.value?.now], () => (figuresDone = askFigures()), { flush: 'sync' })
  /** Resolves when the figures of the filters as they are now have arrived. */
  async function settled(): Promise<void> {
    let seen: Promise<void>
    do {
      seen = figuresDone
      await seen
    } while (seen !== figuresDone)
  }
  const drillDeals = computed(() => (drill.value && context.value ? drillDown(filteredDeals.value, drill.value, context.value) : []))
  const meeting = computed(() => {
    if (!context.value) return []
    const r = range.value
    return meetingReport(unperiodDeals.value, { from: r.from ?? Number.NEGATIVE_INFINITY, to: r.to ?? Number.POSITIVE_INFINITY }, context.value)
  })
  const yearly = computed(() => {
    if (!context.value) return []
    const read = companies.value
    // New clients and status moves follow the manager and department filters too, not only the deals.
    const kept = filterCompanies(read?.companies ?? [], read?.moves ?? [], activeFilter.value, context.value)
    return yearlyStatistics({ companies: kept.companies, deals: unperiodDeals.value, moves: kept.moves, currency: context.value.currency })
  })

  /** «Динамика»: by month or week; the report's period (twelve months when open), the other filters as chosen. */
  const trendStep = ref<TrendStep>('month')
  const trend = computed(() => {
    if (!context.value) return null
    const span = trendRange(range.value, now.value)
    return {
      open: range.value.from === undefined || range.value.to === undefined,
      series: trendSeries(unperiodDeals.value, span, trendStep.value, now.value),
      comparison: trendComparison(unperiodDeals.value, span, context.value.currency, now.value),
    }
  })

  const funnelPipeline = computed(() => {
    const pipelines = data.value?.pipelines ?? []
    return pipelines.find((p) => p.id === funnelCategoryId.value) ?? pipelines.find((p) => p.id === filter.categoryIds[0]) ?? pipelines[0] ?? null
  })
  /** Norms from the shipped playbook's fixed deadlines (LEMUS express identification: 5 hours). */
  const funnel = computed(() => {
    const pipeline = funnelPipeline.value
    const rows = pipeline ? histories.value.get(pipeline.id) : undefined
    if (!pipeline || !rows || !context.value) return null
    const r = range.value
    // The department and manager filters choose the deals; the pipeline is the funnel's own.
    const deals = data.value ? applyFilter(data.value.deals, { ...activeFilter.value, categoryIds: [pipeline.id], from: undefined, to: undefined }, context.value) : []
    return pipelineFunnel({ stages: pipeline.stages, rows, deals, categoryId: pipeline.id, from: r.from, to: r.to, now: now.value, norms: funnelNorms(DEFAULT_PLAYBOOK, pipeline) })
  })

  async function loadFunnel(gateway: Gateway): Promise<void> {
    const pipeline = funnelPipeline.value
    if (!pipeline || histories.value.has(pipeline.id) || historyLoading.value) return
    historyLoading.value = true
    try {
      const rows = await readStageHistory(gateway, pipeline.id)
      histories.value = new Map(histories.value).set(pipeline.id, rows)
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      historyLoading.value = false
    }
  }

  async function open(gateway: Gateway, options: { domain: string; force?: boolean } & Pick<ReadOptions, 'grants' | 'onRequest'>): Promise<void> {
    controller?.abort()
    controller = new AbortController()
    const signal = controller.signal
    status.value = 'loading'
    error.value = null
    progress.value = { phase: 'meta', rows: 0, estimate: 0 }
    drill.value = null
    try {
      const meta = await readMeta(gateway)
      savedViews.value = meta.savedViews
      appCode.value = meta.appCode
      viewer.value = meta.userId
      cacheKey = reportCacheKey({ domain: options.domain, userId: meta.userId, fields: DEFAULT_REPORT_FIELDS })
      if (options.force) await deals().dropCache(cacheKey)
      else {
        const cached = await deals().loadCache(cacheKey, Date.now())
        if (cached) {
          data.value = { ...cached.meta, deals: await deals().pageDeals() }
          savedAt.value = cached.savedAt
          now.value = Date.now()
          status.value = 'ready'
          progress.value = null
          await settled()
          return
        }
      }
      const readAt = new Date()
      const result = await readReportData(gateway, meta, {
        now: readAt,
        signal,
        worker: deals(),
        grants: options.grants,
        onRequest: options.onRequest,
        onProgress: (p) => (progress.value = p),
      })
      const rest: ReportMetaData = { users: result.users, departments: result.departments, pipelines: result.pipelines, overdue: result.overdue, readAt: result.readAt }
      deals().setMeta(rest)
      data.value = result
      savedAt.value = readAt.getTime()
      now.value = readAt.getTime()
      companies.value = null
      histories.value = new Map()
      status.value = 'ready'
      progress.value = null
      await settled()
      // The figures first, then the copy into the cache in a task of its own.
      await nextTask()
      await deals().saveCache(cacheKey, rest, readAt.getTime())
    } catch (raw) {
      if (signal.aborted) {
        status.value = data.value ? 'ready' : 'cancelled'
      } else {
        error.value = toGatewayError(raw)
        status.value = 'error'
      }
      progress.value = null
    }
  }

  function cancel(): void {
    controller?.abort()
  }

  async function loadCompanies(gateway: Gateway): Promise<void> {
    if (companies.value) return
    try {
      companies.value = await readCompanies(gateway)
    } catch (raw) {
      error.value = toGatewayError(raw)
    }
  }

  function tick(): void {
    now.value = Date.now()
  }

  return {
    data, savedAt, status, progress, error, now,
    tab, dimension, period, customFrom, customTo, filter, drill, companies,
    funnelCategoryId, histories, historyLoading, funnelPipeline, funnel, trendStep, trend,
    context, range, filteredDeals, unperiodDeals, totals, groups, drillDeals, meeting, yearly,
    open, cancel, loadCompanies, loadFunnel, tick, settled, savedViews, appCode, viewer,
  }
})
