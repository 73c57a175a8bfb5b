import type { B24Frame } from '@bitrix24/b24jssdk'
import type { InjectionKey } from 'vue'
import { FrameBootError, frameFacts, getFrame, restHttpClient } from '@/b24/frame'
import { createGateway, frameTransport } from '@/b24/gateway'
import type { Gateway } from '@/b24/gateway'
import { buildPlacementContext } from '@/b24/placement-context'
import type { PlacementContext } from '@/b24/placement-context'
import { countRequests } from '@/stores/request-counter'
import { pickLocale } from '@/ui/i18n'
import type { AppLocale } from '@/ui/i18n'
import { manifest } from '~placements/manifest'
import { stateForContext } from './shell-state'
import type { ShellState } from './shell-state'
import { warmWidget } from './warm-widget'

export interface BootResult {
  state: ShellState
  locale?: AppLocale
  ready?: { frame: B24Frame; context: PlacementContext; gateway: Gateway; locale: AppLocale }
}

/**
 * Page start: the frame handshake, then the placement context, the counted REST
 * gateway and the screen to show. Every failure becomes a screen, never a blank page.
 */
/** A performance mark at the end of the frame's handshake: the bench and the e2e tests read what happened before it. */
export const FRAME_READY_MARK = 'b24-frame-ready'

export async function boot(search: string, onRequest: () => void): Promise<BootResult> {
  warmWidget(search, manifest)
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
  countRequests(restHttpClient(frame), onRequest)
  const gateway = createGateway(frameTransport(frame))
  return { state: stateForContext(context, manifest), locale, ready: { frame, context, gateway, locale } }
}

/**
 * The boot main.ts starts before the first render, so the frame's handshake and the widget's chunk
 * are under way while the shell renders; the shell takes it from here (or boots itself without it).
 */
export const EARLY_BOOT: InjectionKey<Promise<BootResult>> = Symbol('early boot')
