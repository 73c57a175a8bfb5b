import { pageOf } from '../../../core/paging'
import type { DepartmentRow, MethodTable, Params } from '../../../core/types'
import { compileFilter, parseFilter } from '../../filter'

/** `department.get` item (b24restdocs `api-reference/departments/department-get.md`): IDs as strings. */
export function departmentView(row: DepartmentRow): Record<string, unknown> {
  const view: Record<string, unknown> = { ID: String(row.ID), NAME: row.NAME, SORT: row.SORT }
  if (row.PARENT) view.PARENT = String(row.PARENT)
  if (row.UF_HEAD) view.UF_HEAD = String(row.UF_HEAD)
  return view
}

const FIELDS = ['ID', 'NAME', 'SORT', 'PARENT', 'UF_HEAD'] as const

export function selectDepartments(rows: Iterable<DepartmentRow>, params: Params): DepartmentRow[] {
  // department.get takes its filter as top-level fields, each compared for equality.
  const filter = parseFilter(Object.fromEntries(FIELDS.filter((field) => params[field] !== undefined).map((field) => [field, params[field]])))
  const result = [...rows].filter(compileFilter(filter, (row, field) => row[field as (typeof FIELDS)[number]]))
  const sort = String(params.sort ?? params.SORT_BY ?? 'ID').toUpperCase()
  const key = (FIELDS as readonly string[]).includes(sort) ? (sort as (typeof FIELDS)[number]) : 'ID'
  const descending = String(params.order ?? params.ORDER ?? 'ASC').toUpperCase() === 'DESC'
  result.sort((a, b) => {
    const x = a[key]
    const y = b[key]
    const diff = typeof x === 'string' || typeof y === 'string' ? String(x ?? '').localeCompare(String(y ?? ''), 'ru') : Number(x ?? 0) - Number(y ?? 0)
    return (descending ? -diff : diff) || a.ID - b.ID
  })
  return result
}

export const departmentMethods: MethodTable = {
  'department.get': {
    scope: 'department',
    handler: ({ store }, params) =>
      pageOf(selectDepartments(store.table<DepartmentRow>('departments').rows(), params), params.START ?? params.start, departmentView),
  },
  // b24restdocs `api-reference/departments/department-fields.md`
  'department.fields': {
    scope: 'department',
    handler: () => ({ ID: 'ID', NAME: 'Название подразделения', SORT: 'Сортировка', PARENT: 'Родительское подразделение', UF_HEAD: 'Руководитель' }),
  },
}
