import { defineStore } from 'pinia'
import { computed, ref, shallowRef, toRef, watch } from 'vue'
import { toGatewayError, type Gateway, type GatewayError } from '@/b24/gateway'
import { responsiblePredicate } from '@/domain/reports/filters'
import { clientsByStep, communicationsByYear, leadsByObjectType, salesByObject, type CommunicationEvent } from '@/domain/reports/committee'
import {
  readCommitteeCompanies,
  readCommitteeLeads,
  readCommitteeMeta,
  readCommunications,
  readSaleDeals,
  type CommitteeCompany,
  type CommitteeLeadRow,
  type CommitteeMeta,
  type CommitteeSales,
} from './committee-data'
import { useReportsStore } from './store'
import { useReportViews } from './views-store'

import { COMMITTEE_VIEWS, type CommitteeView } from '@/domain/reports/report-view'
export { COMMITTEE_VIEWS, type CommitteeView }

/**
 * The «Комитет» tab (issue 15, Kosino's committee reports): what each view read, and its figures
 * under the report page's filters. Reads happen when a view is shown (committee-data.ts); the page's
 * «Обновить» drops them. Filters: department and manager everywhere (by the record's responsible);
 * the period on leads (created) and on sales (the deals tab's date choice), the pipeline on sales.
 */
export const useCommitteeStore = defineStore('reports-committee', () => {
  const reports = useReportsStore()
  // The report shown is part of the page's view (saved views, links): kept in the views store.
  const view = toRef(useReportViews(), 'committee')
  const meta = shallowRef<CommitteeMeta | null>(null)
  const companies = shallowRef<CommitteeCompany[] | null>(null)
  const sales = shallowRef<CommitteeSales | null>(null)
  const leads = shallowRef<CommitteeLeadRow[] | null>(null)
  const events = shallowRef<CommunicationEvent[] | null>(null)
  const loading = ref(false)
  const error = shallowRef<GatewayError | null>(null)

  function reset(): void {
    meta.value = null
    companies.value = null
    sales.value = null
    leads.value = null
    events.value = null
    error.value = null
  }
  // A fresh read of the page reads the committee's data again too.
  watch(() => reports.savedAt, reset)

  const responsible = computed(() => {
    const ctx = reports.context
    if (!ctx) return () => true
    return responsiblePredicate({ departmentId: reports.filter.departmentId || undefined, managerIds: reports.filter.managerIds }, ctx)
  })
  const keptCompanies = computed(() => (companies.value ?? []).filter((company) => responsible.value(company.assignedById)))

  const steps = computed(() => (companies.value ? clientsByStep(keptCompanies.value.map((company) => company.status)) : null))
  const objects = computed(() => {
    if (!sales.value || !meta.value) return null
    // The deals the page's filters keep (period, pipeline, department, manager), as the deals tab counts them.
    const kept = new Set(reports.filteredDeals.map((deal) => deal.id))
    return salesByObject(sales.value.deals.filter((deal) => kept.has(deal.dealId)), meta.value.directory, reports.context?.currency ?? 'RUB')
  })
  const leadTypes = computed(() => {
    if (!leads.value || !meta.value) return null
    const { from = Number.NEGATIVE_INFINITY, to = Number.POSITIVE_INFINITY } = reports.range
    const inPeriod = (at: number) => (from === Number.NEGATIVE_INFINITY && to === Number.POSITIVE_INFINITY) || (at >= from && at <= to)
    const kept = leads.value.filter((lead) => responsible.value(lead.assignedById) && inPeriod(lead.createdAt))
    return leadsByObjectType(kept, meta.value.directory)
  })
  const communications = computed(() => {
    if (!events.value) return null
    const ids = new Set(keptCompanies.value.map((company) => company.id))
    return communicationsByYear(events.value.filter((event) => ids.has(event.companyId)))
  })

  /** Reads what `view` needs and has not read yet. */
  async function load(gateway: Gateway, which: CommitteeView = view.value): Promise<void> {
    if (loading.value) return
    loading.value = true
    error.value = null
    try {
      const m = meta.value ?? (meta.value = await readCommitteeMeta(gateway))
      if ((which === 'steps' || which === 'communications') && !companies.value) companies.value = await readCommitteeCompanies(gateway, m)
      if (which === 'objects' && !sales.value) sales.value = await readSaleDeals(gateway)
      if (which === 'leads' && !leads.value) leads.value = await readCommitteeLeads(gateway, m)
      if (which === 'communications' && !events.value) events.value = await readCommunications(gateway, (companies.value ?? []).map((company) => company.id))
    } catch (raw) {
      error.value = toGatewayError(raw)
    } finally {
      loading.value = false
    }
  }

  const ready = computed(() => {
    switch (view.value) {
      case 'steps':
        return steps.value !== null
      case 'objects':
        return objects.value !== null
      case 'leads':
        return leadTypes.value !== null
      case 'communications':
        return communications.value !== null
    }
    return false
  })

  return { view, meta, companies, sales, leads, events, loading, error, steps, objects, leadTypes, communications, ready, load, reset }
})
