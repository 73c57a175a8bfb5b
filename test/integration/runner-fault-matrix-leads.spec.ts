import { beforeAll, describe, it } from 'vitest'
import { FAULT_KINDS } from '../e2e/helpers/fault-matrix'
import { count, everSeen, runFaultCell, type FaultScenario } from './helpers/runner-fault-cell'
import { useRunnerHarness } from './helpers/runner-harness'
import { ADMIN, HEAD, MANAGER, webFormLeads } from './helpers/web-form-leads'

/*
 * The runner's Kosino new-lead notice under the six faults (helpers/runner-fault-cell.ts): the
 * notice plan hands the lead to the object type's manager (crm.lead.update), tells him and the
 * head in copy (im.notify.system.add each) and leaves its marker comment on the lead last
 * (crm.timeline.comment.add). The marker is the runner's word that the notice went out (the
 * lead tab shows it): it must never stand while a notice or the handover is missing. A notice
 * sent again under its tag replaces the old one: the recipient holds one.
 */

const harness = useRunnerHarness()
const { rest, setRecipients, sendForm, noticesOf, markers } = webFormLeads(harness)

/** The lead the form sends while the runner is stopped. */
interface FormLead {
  tag: string
  leadId: number
}

/**
 * The notices a person holds: a reply lost after a notice went out makes the runner send it
 * again under its tag, which replaces the first (b24 reference: «same tag replaces older»), so
 * the person still holds one. What may not happen twice is what cannot be replaced: the marker.
 */
const noticesHeld = (userId: number, lead: FormLead) => count(() => noticesOf(userId, lead.leadId))

const row = (write: string, method: string): FaultScenario<FormLead> => ({
  write,
  method,
  byPerson: true,
  prepare: async (tag) => ({ tag, leadId: 0 }),
  trigger: async (lead) => {
    lead.leadId = await sendForm({ name: 'Светлана Аптекарева', company: `ООО «Аптека» (${lead.tag})`, objectType: 'Аптека' })
  },
  effects: (lead) => [
    { expected: 1, found: async () => Number(Number((await rest<{ ASSIGNED_BY_ID: string }>(ADMIN, 'crm.lead.get', { id: lead.leadId })).ASSIGNED_BY_ID) === MANAGER) },
    { expected: 1, found: noticesHeld(MANAGER, lead) },
    { expected: 1, found: noticesHeld(HEAD, lead) },
    { expected: 1, found: everSeen(async () => (await markers(lead.leadId)).map((marker) => marker.ID)) },
  ],
  told: async (lead) => (await markers(lead.leadId)).length > 0,
  cleanup: async (lead) => void (await rest(ADMIN, 'crm.lead.delete', { id: lead.leadId })),
})

const scenarios = [
  row('runner: lead handover', 'crm.lead.update'),
  row('runner: new-lead notice', 'im.notify.system.add'),
  row('runner: lead notice marker', 'crm.timeline.comment.add'),
]

beforeAll(async () => {
  await setRecipients({ PHARMACY: [MANAGER] })
}, 60_000)

describe('the runner’s new-lead notice under the six faults', () => {
  for (const scenario of scenarios) {
    for (const kind of FAULT_KINDS) {
      it(`${scenario.write} × ${kind}: done once, nothing lost, marked only when sent`, () => runFaultCell(harness, scenario, kind).then(() => undefined), 90_000)
    }
  }
})
