import { initializeB24Frame } from '@bitrix24/b24jssdk'

/*
 * The bench's reference page (bench/time-to-content.ts): what any placement has to do at the
 * least — init the SDK in the portal's frame and make one REST call for the record it is opened
 * on — built by the same Vite, so a tab's time to content can be stated as a ratio of this.
 */
const READS: Record<string, string> = {
  CRM_DEAL_DETAIL_TAB: 'crm.deal.get',
  CRM_COMPANY_DETAIL_TAB: 'crm.company.get',
  CRM_LEAD_DETAIL_TAB: 'crm.lead.get',
}

async function show(): Promise<void> {
  const b24 = await initializeB24Frame()
  const method = READS[b24.placement.placement]
  const id = (b24.placement.options as { ID?: string | number }).ID
  const reply = method && id ? await b24.callMethod(method, { id }) : await b24.callMethod('user.current')
  const data = (reply.getData()?.result ?? {}) as { TITLE?: string; NAME?: string }
  const content = document.getElementById('content')!
  content.textContent = data.TITLE ?? data.NAME ?? ''
  content.dataset.ready = '1'
}

void show()
