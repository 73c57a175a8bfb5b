import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef, watch } from 'vue'
import { toGatewayError, type GatewayError } from '@/b24/gateway'
import {
  decodeReportView,
  reconcileReportView,
  reportViewLink,
  sameReportView,
  viewParamOf,
  type CommitteeView,
  type ReportView,
  type ViewDrop,
} from '@/domain/reports/report-view'
import {
  NO_SAVED_VIEWS,
  SAVED_VIEWS_OPTION,
  defaultView,
  deleteView,
  parseSavedViews,
  renameView,
  saveView,
  serializeSavedViews,
  setDefaultView,
  type SavedViews,
  type ViewNameProblem,
} from '@/domain/reports/saved-views'
import type { ReportData } from '@/domain/reports/model'
import { useAppContext } from '@/stores/app-context'
import { newPlanId } from '@/stores/record-plans'
import { planFailure, useOptionWrites } from '~widgets/settings/option-write'
import { useReportsStore } from './store'

/** What a change of the saved views came to: stored, refused before sending (a name problem), or failed on the portal. */
export type ViewsOutcome = { ok: true } | { ok: false; problem: ViewNameProblem } | { ok: false; error: GatewayError }

/**
 * The report page's views (issue 15): the page's filters as one view, the head's saved views
 * (user option `reportViews`, read in the page's first batch), the view a link or the default
 * opens the page with, and the link of the current view. Every change of the saved views is a
 * write plan of user.option.set; the list shown changes only when the portal stored it.
 */
export const useReportViews = defineStore('report-views', () => {
  const reports = useReportsStore()
  const app = useAppContext()
  /** «Комитет»'s report: kept here so a view carries it without loading the tab's code. */
  const committee = ref<CommitteeView>('steps')
  const saved = shallowRef<SavedViews>(NO_SAVED_VIEWS)
  /** The saved view the page shows (opened or saved last); null once a filter differs or none was. */
  const activeId = ref<string | null>(null)
  /** What a link's or the default view lost on opening (a pipeline the portal no longer has…). */
  const dropped = shallowRef<ViewDrop[]>([])
  /** The page was opened by a view link. */
  const fromLink = ref(false)
  let opened = false

  watch(
    () => reports.savedViews,
    (raw) => {
      if (raw !== undefined) saved.value = parseSavedViews(raw).saved
    },
    { immediate: true },
  )

  const current = computed<ReportView>(() => ({
    tab: reports.tab,
    period: reports.period,
    ...(reports.period === 'custom' && reports.customFrom ? { from: reports.customFrom } : {}),
    ...(reports.period === 'custom' && reports.customTo ? { to: reports.customTo } : {}),
    periodField: reports.filter.periodField,
    ...(reports.filter.categoryIds.length ? { pipelineId: reports.filter.categoryIds[0] } : {}),
    ...(reports.filter.departmentId ? { departmentId: reports.filter.departmentId } : {}),
    ...(reports.filter.managerIds.length ? { managerId: reports.filter.managerIds[0] } : {}),
    dimension: reports.dimension,
    trendStep: reports.trendStep,
    ...(reports.funnelCategoryId !== null ? { funnelPipelineId: reports.funnelCategoryId } : {}),
    committee: committee.value,
  }))

  function apply(view: ReportView): void {
    reports.tab = view.tab
    reports.period = view.period
    reports.customFrom = view.from ?? ''
    reports.customTo = view.to ?? ''
    reports.filter.periodField = view.periodField
    reports.filter.categoryIds = view.pipelineId === undefined ? [] : [view.pipelineId]
    reports.filter.departmentId = view.departmentId ?? 0
    reports.filter.managerIds = view.managerId === undefined ? [] : [view.managerId]
    reports.dimension = view.dimension
    reports.trendStep = view.trendStep
    reports.funnelCategoryId = view.funnelPipelineId ?? null
    reports.drill = null
    committee.value = view.committee
  }

  const known = (data: ReportData) => ({
    pipelineIds: data.pipelines.map((p) => p.id),
    departmentIds: data.departments.map((d) => d.id),
    userIds: data.users.map((u) => u.id),
  })

  /** Shows a view, without what the portal no longer has. */
  function show(view: ReportView, data: ReportData | null = reports.data): ViewDrop[] {
    const kept = data ? reconcileReportView(view, known(data)) : { view, dropped: [] }
    apply(kept.view)
    return kept.dropped
  }

  // The first figures: the page opens with the link's view, else the default saved view.
  watch(
    () => reports.data,
    (data) => {
      if (!data || opened) return
      opened = true
      const linked = viewParamOf(app.context?.options)
      if (linked !== null) {
        fromLink.value = true
        const decoded = decodeReportView(linked)
        dropped.value = [...decoded.dropped, ...show(decoded.view, data)]
        return
      }
      const preferred = defaultView(saved.value)
      if (preferred) {
        dropped.value = show(preferred.view, data)
        activeId.value = preferred.id
      }
    },
    { immediate: true },
  )

  /** The saved view the page shows as it was saved: a filter changed since, and it is none. */
  const active = computed(() => {
    const view = saved.value.views.find((v) => v.id === activeId.value)
    if (!view || !reports.data) return null
    return sameReportView(reconcileReportView(view.view, known(reports.data)).view, current.value) ? view : null
  })

  function open(id: string): void {
    const view = saved.value.views.find((v) => v.id === id)
    if (!view) return
    dropped.value = show(view.view)
    activeId.value = id
  }

  async function whoAmI(): Promise<number | null> {
    return reports.viewer
  }
  const writes = markRaw(
    useOptionWrites({
      scope: `user-option:${SAVED_VIEWS_OPTION}`,
      whoAmI,
      method: 'user.option.set',
      onDone: (_option, value) => (saved.value = parseSavedViews(value).saved),
    }),
  )
  const busy = computed(() => writes.plans.busy.value)

  async function store(next: SavedViews, title: { ru: string; en: string }): Promise<ViewsOutcome> {
    try {
      const plan = await writes.save(SAVED_VIEWS_OPTION, serializeSavedViews(next), title)
      return plan.status === 'done' ? { ok: true } : { ok: false, error: planFailure(plan) }
    } catch (raw) {
      return { ok: false, error: toGatewayError(raw) }
    }
  }

  /** Saves the page's filters under `name` (the same name again: that view gets them). */
  async function saveCurrent(name: string, makeDefault: boolean): Promise<ViewsOutcome> {
    const result = saveView(saved.value, { id: newPlanId(), name, view: current.value, makeDefault })
    if ('problem' in result) return { ok: false, problem: result.problem }
    const outcome = await store(result.saved, { ru: 'Сохранение вида отчёта', en: 'Saving a report view' })
    if (outcome.ok) activeId.value = result.id
    return outcome
  }

  async function rename(id: string, name: string): Promise<ViewsOutcome> {
    const result = renameView(saved.value, id, name)
    if ('problem' in result) return { ok: false, problem: result.problem }
    return store(result.saved, { ru: 'Переименование вида отчёта', en: 'Renaming a report view' })
  }

  function remove(id: string): Promise<ViewsOutcome> {
    return store(deleteView(saved.value, id), { ru: 'Удаление вида отчёта', en: 'Deleting a report view' })
  }

  function makeDefault(id: string | null): Promise<ViewsOutcome> {
    return store(setDefaultView(saved.value, id), { ru: 'Вид отчёта по умолчанию', en: 'Default report view' })
  }

  /** The link of the page's view; null while the app's code or the portal is not known. */
  const link = computed(() => {
    const frame = app.frame
    if (!reports.appCode || !frame) return null
    return reportViewLink(frame.getTargetOrigin(), reports.appCode, current.value)
  })

  return { committee, saved, activeId, active, dropped, fromLink, current, busy, open, apply, saveCurrent, rename, remove, makeDefault, link }
})
