import { widgetParamFrom } from '@/b24/placement-context'
import type { WidgetEntry } from '~placements/manifest'

/**
 * The handler URL names its widget (`?widget=next-steps`): start loading and running its
 * chunk now, while the frame's handshake is under way, rather than after it. The shell
 * still decides what to show from the frame's data; a failure here is left to the shell's
 * own load of the same chunk, which shows it.
 */
export function warmWidget(search: string, entries: readonly WidgetEntry[]): WidgetEntry | undefined {
  const id = widgetParamFrom(search)
  const entry = id === null ? undefined : entries.find((candidate) => candidate.id === id)
  entry?.load().catch(() => undefined)
  return entry
}
