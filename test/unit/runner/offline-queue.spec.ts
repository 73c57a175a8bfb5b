// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { parseEventPage, subjectOf } from '../../../runner/events/offline-queue'

// Payload shapes: b24restdocs api-reference/events/event-offline-get.md; crm/deals/events/on-crm-deal-update.md;
// tasks/events-tasks/on-task-update.md; crm/timeline/comments/events/on-Crm-Timeline-Comment-Add.md.
const page = parseEventPage({
  process_id: 'p-1',
  events: [
    { ID: '1', MESSAGE_ID: 'm1', EVENT_NAME: 'ONCRMDEALUPDATE', EVENT_DATA: { FIELDS: { ID: '37' } }, TIMESTAMP_X: '2026-12-06T10:00:00+03:00' },
    { ID: '2', MESSAGE_ID: 'm2', EVENT_NAME: 'ONTASKUPDATE', EVENT_DATA: { FIELDS_BEFORE: { ID: '12' }, FIELDS_AFTER: { ID: '12' } } },
    { ID: '3', MESSAGE_ID: 'm3', EVENT_NAME: 'ONTASKADD', EVENT_DATA: { FIELDS_BEFORE: 'undefined', FIELDS_AFTER: { ID: '13' } } },
    { ID: '4', MESSAGE_ID: 'm4', EVENT_NAME: 'ONCRMTIMELINECOMMENTADD', EVENT_DATA: { FIELDS: { ID: '5', ENTITY_TYPE: 'deal', ENTITY_ID: '37' } } },
    { ID: '5', MESSAGE_ID: 'm5', EVENT_NAME: 'onCrmLeadAdd', EVENT_DATA: { FIELDS: { ID: '9' } } },
    { ID: '6', EVENT_NAME: 'ONCRMDEALADD', EVENT_DATA: { FIELDS: { ID: '1' } } },
  ],
})

describe('the offline event queue', () => {
  it('reads a page: process id, and events with a message id only', () => {
    expect(page.processId).toBe('p-1')
    expect(page.events.map((event) => event.messageId)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5'])
    expect(parseEventPage({ process_id: '', events: [] })).toEqual({ processId: null, events: [] })
    expect(parseEventPage('garbage')).toEqual({ processId: null, events: [] })
  })

  it('names the subject of each event', () => {
    expect(page.events.map(subjectOf)).toEqual([
      { kind: 'deal', id: 37 },
      { kind: 'task', id: 12 },
      { kind: 'task', id: 13 },
      { kind: 'deal', id: 37 },
      { kind: 'lead', id: 9 },
    ])
  })
})
