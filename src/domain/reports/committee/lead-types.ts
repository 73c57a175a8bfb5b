import { DEPARTMENTS, type DepartmentCode, type DirectoryLabel, type ObjectsDirectory } from '@/domain/sale/objects-directory'
import type { StageSemantic } from '../types'

/*
 * Committee report «Лиды по типу объекта» (seed Kosino: the web form's «Тип объекта», Приложение 1,
 * issue 15): leads per object type, in work / converted to a client / not active, each type under
 * the department responsible for it. Every type of the directory is a row (0 included); leads
 * without a type, or with a type the directory no longer has, get rows of their own.
 */

export interface CommitteeLead {
  /** the object type's code (the enumeration item's XML_ID), null when the lead has none */
  objectType: string | null
  /** STATUS_SEMANTIC_ID: P in work, S converted, F junk («Не активен») */
  semantic: StageSemantic
}

export interface LeadFigures {
  total: number
  open: number
  converted: number
  junk: number
}

export interface LeadTypeRow {
  /** object type code; '' for leads without one */
  code: string
  label: DirectoryLabel | null
  department: DepartmentCode | null
  departmentLabel: DirectoryLabel | null
  figures: LeadFigures
}

const empty = (): LeadFigures => ({ total: 0, open: 0, converted: 0, junk: 0 })

function add(figures: LeadFigures, semantic: StageSemantic): void {
  figures.total++
  if (semantic === 'S') figures.converted++
  else if (semantic === 'F') figures.junk++
  else figures.open++
}

export function leadsByObjectType(leads: Iterable<CommitteeLead>, directory: ObjectsDirectory): { rows: LeadTypeRow[]; total: LeadFigures } {
  const byType = new Map<string, LeadFigures>()
  const total = empty()
  for (const lead of leads) {
    const code = lead.objectType ?? ''
    let figures = byType.get(code)
    if (!figures) byType.set(code, (figures = empty()))
    add(figures, lead.semantic)
    add(total, lead.semantic)
  }
  const departmentLabel = (code: DepartmentCode) => DEPARTMENTS.find((d) => d.code === code)?.label ?? null
  const rows: LeadTypeRow[] = []
  // By department in the seed's order (Приложение 1), the directory's order inside each.
  for (const department of DEPARTMENTS) {
    for (const type of directory.objectTypes.filter((t) => t.department === department.code)) {
      rows.push({ code: type.code, label: type.label, department: department.code, departmentLabel: departmentLabel(department.code), figures: byType.get(type.code) ?? empty() })
    }
  }
  const listed = new Set(rows.map((row) => row.code))
  for (const [code, figures] of byType) {
    if (code !== '' && !listed.has(code)) rows.push({ code, label: null, department: null, departmentLabel: null, figures })
  }
  const none = byType.get('')
  if (none) rows.push({ code: '', label: null, department: null, departmentLabel: null, figures: none })
  return { rows, total }
}
