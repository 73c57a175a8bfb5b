import type { B24Frame } from '@bitrix24/b24jssdk'
import type { InjectionKey } from 'vue'
import { FrameBootError, frameFacts, getFrame, restHttpClient } from '@/b24/frame'
import { createGateway, frameTransport } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { buildPlacementContext } from '@/b24/placement-context'
import type { PlacementContext } from '@/b24/placement-context'
import { countRequests } from '@/b24/request-counter'
import type { RequestCounter } from '@/b24/request-counter'
import { pickLocale } from '@/ui/locale'
import type { AppLocale } from '@/ui/locale'
import { manifest } from '~placements/manifest'
import type { OpeningRead, WidgetEntry } from '~placements/manifest'
import { FRAME_READY_MARK } from './frame-ready-mark'
import { stateForContext } from './shell-state'
import type { ShellState } from './shell-state'
import { namedWidget } from './named-widget'

export interface BootResult {
  state: ShellState
  locale?: AppLocale
  ready?: { frame: B24Frame; context: PlacementContext; gateway: Gateway; locale: AppLocale }
}

/** What boot tells the request counter: each request, and the screen they are for. */
export type BootCounter = Pick<RequestCounter, 'record' | 'beginScreen'>

/**
 * Page start: the frame handshake, then the placement context, the counted REST gateway, the
 * screen to show and its first batch, sent now. Every failure becomes a screen, never a blank page.
 */
export async function boot(search: string, counter: BootCounter): Promise<BootResult> {
  const named = namedWidget(search, manifest)
  const namedOpening = openingOf(named)
  let frame: B24Frame
  try {
    frame = await getFrame()
  } catch (error) {
    const failure = error instanceof FrameBootError ? error : new FrameBootError('error', error)
    return { state: { screen: failure.reason, detail: failure.detail } }
  }
  performance.mark(FRAME_READY_MARK)
  const context = buildPlacementContext(frameFacts(frame), search)
  const locale = pickLocale(context.lang)
  countRequests(restHttpClient(frame), () => counter.record())
  const gateway = createGateway(frameTransport(frame))
  const state = stateForContext(context, manifest)
  if (state.screen === 'widget') {
    counter.beginScreen(state.entry.id)
    const opening = await (state.entry === named ? namedOpening : openingOf(state.entry))
    const commands = opening?.(context)
    if (commands) gateway.prime(commands)
    // Its chunk was fetched by the page's preload links; it runs now, while the batch is out, rather
    // than during the handshake, where a big widget held the portal's answer back.
    state.entry.load().catch(() => undefined)
  } else {
    counter.beginScreen(state.screen)
  }
  return { state, locale, ready: { frame, context, gateway, locale } }
}

/** The widget's opening read, loading; null when it has none or its chunk failed (the widget then reads alone). */
function openingOf(entry: WidgetEntry | undefined): Promise<OpeningRead | null> {
  return entry?.opening ? entry.opening().catch(() => null) : Promise.resolve(null)
}

/**
 * The boot main.ts starts before the first render, so the frame's handshake, the opening batch and
 * the widget's chunk are under way before the shell renders; the shell takes it from here (or boots
 * itself without it).
 */
export const EARLY_BOOT: InjectionKey<Promise<BootResult>> = Symbol('early boot')
