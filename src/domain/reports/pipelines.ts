import type { Pipeline, StageSemantic } from './types'

/** `crm.category.list` item (b24restdocs `api-reference/crm/universal/category/crm-category-list.md`). */
export interface RawCategory {
  id: number | string
  name?: string | null
  sort?: number | string | null
}

/** `crm.status.list` row (b24restdocs `api-reference/crm/status/crm-status-list.md`). */
export interface RawStatusRow {
  STATUS_ID: string
  NAME?: string | null
  SORT?: number | string | null
  ENTITY_ID?: string | null
  SEMANTICS?: string | null
  EXTRA?: { SEMANTICS?: string | null } | null
}

function semanticOf(row: RawStatusRow): StageSemantic {
  const value = row.EXTRA?.SEMANTICS ?? row.SEMANTICS ?? ''
  if (value === 'success' || value === 'S') return 'S'
  if (value === 'failure' || value === 'apology' || value === 'F') return 'F'
  return 'P'
}

/**
 * The deal stages of every pipeline out of the whole `crm.status.list` dictionary, which the portal
 * answers unpaged in one command (b24restdocs `api-reference/crm/status/crm-status-list.md`): rows of
 * ENTITY_ID `DEAL_STAGE` are the default pipeline's (0), `DEAL_STAGE_<id>` pipeline `<id>`'s; the
 * dictionary's other entries (sources, lead statuses, invoice stages…) are left out. One command for
 * all pipelines, where a filter by ENTITY_ID would take a second request after the pipelines' list.
 */
export function stagesByCategory<Row extends { ENTITY_ID?: string | null }>(rows: readonly Row[]): Map<number, Row[]> {
  const byCategory = new Map<number, Row[]>()
  for (const row of rows) {
    const match = /^DEAL_STAGE(?:_(\d+))?$/.exec(String(row.ENTITY_ID ?? ''))
    if (!match) continue
    const category = Number(match[1] ?? 0)
    const stages = byCategory.get(category)
    if (stages) stages.push(row)
    else byCategory.set(category, [row])
  }
  return byCategory
}

/**
 * Pipelines in the portal's order with their stages. `stagesByCategory` maps a category ID to its
 * `crm.status.list` rows (ENTITY_ID `DEAL_STAGE` for 0, `DEAL_STAGE_<id>` for the others).
 * The default pipeline (0) is listed even when `crm.category.list` leaves it out.
 */
export function toPipelines(categories: readonly RawCategory[], stagesByCategory: ReadonlyMap<number, readonly RawStatusRow[]>): Pipeline[] {
  const list = categories.map((c) => ({ id: Number(c.id), name: c.name ?? `#${c.id}`, sort: Number(c.sort ?? 0) }))
  if (!list.some((c) => c.id === 0) && stagesByCategory.has(0)) list.unshift({ id: 0, name: '', sort: -1 })
  list.sort((a, b) => a.sort - b.sort || a.id - b.id)
  return list.map((c) => ({
    id: c.id,
    name: c.name,
    stages: [...(stagesByCategory.get(c.id) ?? [])]
      .map((row) => ({ id: row.STATUS_ID, name: row.NAME ?? row.STATUS_ID, semantic: semanticOf(row), sort: Number(row.SORT ?? 0) }))
      .sort((a, b) => a.sort - b.sort),
  }))
}
