import { enumCommand } from '@/b24/enum-items'
import { command, type Gateway } from '@/b24/gateway'
import { rowsOf } from '@/b24/rest-values'
import { LEAD_PROCESSING_FIELDS as L } from '@/domain/fields/lead-processing'
import { isLeadAnnounced, type LeadData, type LeadRecipientsConfig, type NewLeadFacts } from '@/domain/lead-processing'
import type { ObjectsDirectory } from '@/domain/sale'
import { parseLead } from './dto'
import { leadData, leadStatusOf, objectTypeOf } from './lead-values'
import { LEAD_RECIPIENTS_OPTION, OBJECTS_DIRECTORY_OPTION, parseDirectoryOption, parseRecipientsOption } from './options'
import { joinStructure, structureCommands } from './structure'

/** What the runner needs to decide a lead's notice and to plan it. */
export interface LeadNoticeFacts extends NewLeadFacts {
  lead: LeadData
  recipients: LeadRecipientsConfig
  directory: ObjectsDirectory
}

const commentTexts = (raw: unknown) => rowsOf(raw).map((row) => String((row as { COMMENT?: unknown }).COMMENT ?? ''))

/**
 * One batch: the lead, its comments (oldest first, where the notice's marker is), the settings
 * and the two enumeration fields. Null when the lead is gone. Every read must succeed: a failed
 * comment list must never read as «not announced yet».
 */
export async function readLeadNoticeFacts(gateway: Gateway, leadId: number): Promise<LeadNoticeFacts | null> {
  const screen = await gateway.loadScreen({
    // b24restdocs api-reference/crm/leads/crm-lead-get.md
    lead: command('crm.lead.get', { id: leadId }, parseLead),
    // crm/timeline/comments/crm-timeline-comment-list.md
    comments: command(
      'crm.timeline.comment.list',
      { filter: { ENTITY_ID: leadId, ENTITY_TYPE: 'lead' }, select: ['ID', 'COMMENT'], order: { ID: 'ASC' } },
      commentTexts,
    ),
    recipients: command('app.option.get', { option: LEAD_RECIPIENTS_OPTION }, parseRecipientsOption),
    directory: command('app.option.get', { option: OBJECTS_DIRECTORY_OPTION }, parseDirectoryOption),
    stage: enumCommand(L.stage),
    objectType: enumCommand(L.objectType),
  })
  if (screen.errors.lead?.kind === 'notFound') return null
  const lead = screen.value('lead')
  const directory = screen.value('directory')
  return {
    lead: leadData(lead, objectTypeOf(lead, screen.value('objectType'), directory)),
    sourceId: lead.sourceId,
    status: leadStatusOf(lead, screen.value('stage')),
    announced: isLeadAnnounced(leadId, screen.value('comments')),
    recipients: screen.value('recipients'),
    directory,
  }
}

/** The company's people and departments (names for the marker, the head for the copy). */
export async function readCompanyStructure(gateway: Gateway) {
  return joinStructure(await gateway.loadScreen(structureCommands()))
}
