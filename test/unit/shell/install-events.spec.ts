// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { planInstall, stepCommand } from '@/domain/install/plan'
import type { DesiredState, PortalState } from '@/domain/install/plan'
import { RUNNER_EVENTS } from '@/domain/install/runner-events'
import { OFFLINE_EVENTS, desiredState } from '~placements/install'

// event.get rows: b24restdocs api-reference/events/event-get.md (offline rows carry connector_id, offline: 1);
// event.bind with event_type offline: api-reference/events/event-bind.md, api-reference/events/offline-events.md.

const desired: DesiredState = { placements: [], fields: [], options: {}, offlineEvents: ['ONCRMLEADADD'] }
const portal = (events: PortalState['events']): PortalState => ({ placements: [], fields: {}, options: {}, events })

describe('planInstall: offline events', () => {
  it('binds ONCRMLEADADD as an offline event when event.get does not list it', () => {
    const plan = planInstall(desired, portal([]))
    expect(plan).toEqual([{ kind: 'event', event: 'ONCRMLEADADD' }])
    expect(stepCommand(plan[0]!)).toEqual(['event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }])
  })

  it('plans nothing when the offline binding exists (event.bind would refuse a duplicate)', () => {
    expect(planInstall(desired, portal([{ event: 'ONCRMLEADADD', connector_id: '', offline: 1 }]))).toEqual([])
  })

  it('does not take an online handler or a binding of another channel (auth_connector) for the offline one', () => {
    const online = { event: 'ONCRMLEADADD', handler: 'https://app.example/h', auth_type: '0', offline: 0 }
    const otherChannel = { event: 'ONCRMLEADADD', connector_id: 'sync', offline: 1 }
    expect(planInstall(desired, portal([online, otherChannel]))).toEqual([{ kind: 'event', event: 'ONCRMLEADADD' }])
  })

  it('compares event names case-insensitively', () => {
    const mixed: DesiredState = { ...desired, offlineEvents: ['onCrmLeadAdd'] }
    expect(planInstall(mixed, portal([{ event: 'ONCRMLEADADD', offline: '1' }]))).toEqual([])
    expect(planInstall(mixed, portal([]))).toEqual([{ kind: 'event', event: 'ONCRMLEADADD' }])
  })

  it('the app desires ONCRMLEADADD and every event the runner reads offline, each once', () => {
    expect(OFFLINE_EVENTS).toContain('ONCRMLEADADD')
    expect([...OFFLINE_EVENTS].sort()).toEqual([...RUNNER_EVENTS].sort())
    expect(desiredState('https://app.example/').offlineEvents).toEqual(OFFLINE_EVENTS)
  })

  it('binds only the runner events event.get does not list as offline', () => {
    const bound = [{ event: 'ONCRMDEALADD', connector_id: '', offline: 1 }, { event: 'ONTASKADD', handler: 'https://app.example/h', offline: 0 }]
    const plan = planInstall({ ...desired, offlineEvents: OFFLINE_EVENTS }, portal(bound))
    expect(plan.map((step) => (step.kind === 'event' ? step.event : step.kind)).sort()).toEqual(RUNNER_EVENTS.filter((event) => event !== 'ONCRMDEALADD').sort())
  })
})
