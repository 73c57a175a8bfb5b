import { widgetParamFrom } from '@/b24/placement-context'
import type { WidgetEntry } from '~placements/manifest'

/**
 * The widget the handler URL names (`?widget=next-steps`), known before the frame's handshake:
 * its opening read loads meanwhile. The shell still decides what to show from the frame's data.
 */
export function namedWidget(search: string, entries: readonly WidgetEntry[]): WidgetEntry | undefined {
  const id = widgetParamFrom(search)
  return id === null ? undefined : entries.find((candidate) => candidate.id === id)
}
