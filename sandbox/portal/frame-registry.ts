import { randomBytes } from 'node:crypto'
import type { IssuedTokens, PortalServices } from '../core/types'
import { buildFrameLaunch, type FrameLaunch } from './shared/frame-launch'
import { memberIdOf } from './member-id'

/** One app frame the portal has opened: whose it is, where and with which tokens. */
export interface FrameSession {
  sid: string
  userId: number
  isAdmin: boolean
  lang: string
  placement: string
  placementOptions: Record<string, unknown>
  /** Opened before `installFinish`: INSTALL / FIRST_RUN. */
  installMode: boolean
  tokens: IssuedTokens
  launch: FrameLaunch
}

const MAX_FRAMES = 1000
// Frames live in memory per store, i.e. per running sandbox (tests start several in one process).
const registries = new WeakMap<object, Map<string, FrameSession>>()

function registryOf(services: PortalServices): Map<string, FrameSession> {
  let registry = registries.get(services.store)
  if (!registry) {
    registry = new Map()
    registries.set(services.store, registry)
  }
  return registry
}

/** A fresh APP_SID per frame, 32 hex like the portal's. */
export function newAppSid(): string {
  return randomBytes(16).toString('hex')
}

export interface OpenFrameInput {
  userId: number
  isAdmin: boolean
  lang: string
  handler: string
  placement: string
  placementOptions: Record<string, unknown>
  inSlider: boolean
}

export function openFrame(services: PortalServices, input: OpenFrameInput): FrameSession {
  const registry = registryOf(services)
  const sid = newAppSid()
  const tokens = services.issueTokens(input.userId)
  const launch = buildFrameLaunch({
    portalOrigin: services.origin,
    handler: input.handler,
    lang: input.lang,
    sid,
    tokens,
    memberId: memberIdOf(services),
    serverEndpoint: `${services.origin}/rest/`,
    applicationToken: services.app().applicationToken,
    scope: services.app().scope,
    placement: input.placement,
    placementOptions: input.placementOptions,
    inSlider: input.inSlider,
  })
  const session: FrameSession = {
    sid,
    userId: input.userId,
    isAdmin: input.isAdmin,
    lang: input.lang,
    placement: input.placement,
    placementOptions: input.placementOptions,
    installMode: !services.app().installed,
    tokens,
    launch,
  }
  registry.set(sid, session)
  // Oldest first in a Map: drop the oldest frames so a long demo does not grow without bound.
  while (registry.size > MAX_FRAMES) {
    const oldest = registry.keys().next().value
    if (oldest === undefined) break
    registry.delete(oldest)
  }
  return session
}

export function frameBySid(services: PortalServices, sid: unknown): FrameSession | undefined {
  return typeof sid === 'string' ? registryOf(services).get(sid) : undefined
}
