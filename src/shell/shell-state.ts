import type { PlacementContext } from '@/b24/placement-context'
import type { FrameFailure } from '@/b24/frame'
import { resolveWidget } from '~placements/resolve'
import type { WidgetEntry } from '~placements/manifest'

/** Every screen the shell can show; widgets render inside the `widget` one. */
export type ShellState =
  | { screen: 'loading' }
  | { screen: FrameFailure; detail?: unknown }
  | { screen: 'install'; context: PlacementContext }
  | { screen: 'unknown'; placement: string; widget: string | null }
  | { screen: 'widget'; context: PlacementContext; entry: WidgetEntry }

/** After the frame is ready: install, the placement's widget, or "unknown placement". */
export function stateForContext(context: PlacementContext, entries: readonly WidgetEntry[]): ShellState {
  if (context.installMode) return { screen: 'install', context }
  const resolved = resolveWidget(entries, context.placement, context.widgetParam)
  return resolved.kind === 'widget'
    ? { screen: 'widget', context, entry: resolved.entry }
    : { screen: 'unknown', placement: resolved.placement, widget: resolved.widget }
}
