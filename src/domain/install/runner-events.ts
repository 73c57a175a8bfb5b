/**
 * The offline events the runner reads (b24restdocs api-reference/events/offline-events.md;
 * payloads: crm/deals/events/on-crm-deal-*.md, crm/leads/events/on-crm-lead-*.md,
 * tasks/events-tasks/on-task-*.md, crm/timeline/comments/events/on-crm-timeline-comment-add.md).
 * The install binds them (event.bind, event_type offline) so the portal queues them for the
 * runner even before it is connected; a task's completion arrives as ONTASKUPDATE. A deal's deletion
 * and its move to another pipeline (crm/deals/events/on-crm-deal-delete.md, on-crm-deal-move-to-category.md)
 * keep the companies' «Сводка» summaries (runner/handlers/company-summary.ts).
 */
export const RUNNER_EVENTS = ['ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMDEALDELETE', 'ONCRMDEALMOVETOCATEGORY', 'ONCRMLEADADD', 'ONCRMLEADUPDATE', 'ONTASKADD', 'ONTASKUPDATE', 'ONCRMTIMELINECOMMENTADD'] as const

export type RunnerEvent = (typeof RUNNER_EVENTS)[number]
