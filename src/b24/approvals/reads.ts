import { command, type Gateway } from '@/b24/gateway'
import { APPROVAL_SETTINGS_OPTION, parseApprovalSettings, type TimelineRecord } from '@/domain/approvals'
import { parseComments } from './dto'

/** The approvals' reads the tab and the runner share (one page = 50 rows, the portal's page). */
export const PAGE = 50
export const TASK_SELECT = ['ID', 'TITLE', 'DESCRIPTION', 'CREATED_BY', 'RESPONSIBLE_ID', 'CREATED_DATE', 'STATUS', 'CHANGED_BY']

// b24restdocs api-reference/common/settings/app-option-get.md: one key → its value, unknown → null
export const settingsCommand = () => command('app.option.get', { option: APPROVAL_SETTINGS_OPTION }, parseApprovalSettings)

/** A deal's timeline comments, oldest first (b24restdocs crm-timeline-comment-list.md). */
export function commentsCommand(dealId: number, start = 0) {
  return command(
    'crm.timeline.comment.list',
    { filter: { ENTITY_ID: dealId, ENTITY_TYPE: 'deal' }, select: ['ID', 'ENTITY_ID', 'CREATED', 'COMMENT', 'AUTHOR_ID'], order: { ID: 'ASC' }, start },
    parseComments,
  )
}

/** The rest of a long timeline (a batch brought the first page). */
export async function restOfComments(gateway: Gateway, dealId: number, first: TimelineRecord[]): Promise<TimelineRecord[]> {
  const all = [...first]
  let page = first
  while (page.length === PAGE) {
    page = parseComments(await gateway.call('crm.timeline.comment.list', commentsCommand(dealId, all.length).params))
    all.push(...page)
  }
  return all
}
