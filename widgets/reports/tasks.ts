import { nextTask } from '@/ui/next-task'

/** Rows per piece of work on the page's thread: 100,000 at once held the page for a third of a second. */
export const TASK_CHUNK = 10_000

/** `rows.map(convert)` in pieces of `chunk`, each its own task. */
export async function mapInTasks<R, T>(rows: readonly R[], convert: (row: R) => T, chunk = TASK_CHUNK): Promise<T[]> {
  const result: T[] = []
  for (let start = 0; start < rows.length; start += chunk) {
    if (start > 0) await nextTask()
    for (let i = start; i < Math.min(rows.length, start + chunk); i++) result.push(convert(rows[i]!))
  }
  return result
}
