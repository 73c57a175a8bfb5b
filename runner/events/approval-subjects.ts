import type { PortalEvent } from './offline-queue'

/** A job the approvals need beside the event's own subject (runner/handlers/approvals.ts). */
export type ApprovalSubject = { kind: 'approval-comment' | 'approval-task'; id: number }

const positive = (value: unknown): number | null => {
  const id = Number(value)
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * Approval records are timeline comments (contract, report) and tasks (trip decisions), so those
 * events are looked at by the approvals: a comment event names only the comment (`data.ID`,
 * b24restdocs crm/timeline/comments/events/on-Crm-Timeline-Comment-Add.md), a task's addition
 * its ID in FIELDS_AFTER (tasks/events-tasks/on-task-add.md). A decision is created complete,
 * so additions are enough; changes of tasks are not the approvals' business.
 */
export function approvalSubjectsOf(event: PortalEvent): ApprovalSubject[] {
  if (event.name === 'ONCRMTIMELINECOMMENTADD') {
    const fields = event.data.FIELDS && typeof event.data.FIELDS === 'object' ? (event.data.FIELDS as Record<string, unknown>) : {}
    const id = positive(event.data.ID ?? fields.ID)
    return id ? [{ kind: 'approval-comment', id }] : []
  }
  if (event.name === 'ONTASKADD') {
    const after = event.data.FIELDS_AFTER
    const id = positive(after && typeof after === 'object' ? (after as Record<string, unknown>).ID : undefined)
    return id ? [{ kind: 'approval-task', id }] : []
  }
  return []
}
