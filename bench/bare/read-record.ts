import { initializeB24Frame } from '@bitrix24/b24jssdk'

/*
 * What any placement has to do at the least: init the SDK in the portal's frame and make one
 * REST call for the record it is opened on. Both reference pages (bench/bare, bench/bare-kit) do it.
 */
const READS: Record<string, string> = {
  CRM_DEAL_DETAIL_TAB: 'crm.deal.get',
  CRM_COMPANY_DETAIL_TAB: 'crm.company.get',
  CRM_LEAD_DETAIL_TAB: 'crm.lead.get',
}

/** The record's title (or, off a card, the user's name). */
export async function readRecordTitle(): Promise<string> {
  const b24 = await initializeB24Frame()
  const method = READS[b24.placement.placement]
  const id = (b24.placement.options as { ID?: string | number }).ID
  const reply = method && id ? await b24.callMethod(method, { id }) : await b24.callMethod('user.current')
  const data = (reply.getData()?.result ?? {}) as { TITLE?: string; NAME?: string }
  return data.TITLE ?? data.NAME ?? ''
}
