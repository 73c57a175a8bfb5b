import type { StepFinder, WriteStep } from '@/domain/write-plan'
import type { RestTransport } from '@/b24/gateway'

/** Reads a field of a list row whatever its case (tasks.task.list answers in camelCase, crm.* in UPPER). */
function fieldOf(row: Record<string, unknown>, name: string): unknown {
  if (name in row) return row[name]
  const wanted = name.toLowerCase()
  const found = Object.keys(row).find((key) => key.toLowerCase() === wanted)
  return found === undefined ? undefined : row[found]
}

function rowsOf(result: unknown, path: readonly string[] = []): Record<string, unknown>[] {
  let value = result
  for (const segment of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[segment] : undefined
  return Array.isArray(value) ? value.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null) : []
}

export function matchRow(finder: StepFinder, rows: readonly Record<string, unknown>[]): unknown {
  for (const row of rows) {
    const text = String(fieldOf(row, finder.field) ?? '')
    const hit = finder.match === 'equals' ? text === finder.needle : text.includes(finder.needle)
    if (hit) {
      const id = fieldOf(row, finder.idField)
      return id === undefined || id === null || id === '' ? true : Number.isFinite(Number(id)) ? Number(id) : id
    }
  }
  return null
}

/** The ID of the record this create step already made, or null. Throws what the read throws. */
export async function findStepRecord(transport: RestTransport, step: WriteStep): Promise<unknown> {
  if (!step.find) return null
  const result = await transport.call(step.find.method, step.find.params)
  return matchRow(step.find, rowsOf(result, step.find.rowsAt))
}
