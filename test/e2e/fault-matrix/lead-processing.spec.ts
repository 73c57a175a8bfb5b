import { afterAll, beforeAll } from 'vitest'
import { CLIENT_PROFILE_FIELDS as C } from '../../../src/domain/fields/client-profile'
import { LEAD_PROCESSING_FIELDS as L } from '../../../src/domain/fields/lead-processing'
import { enumItemId, startAppSession, type AppSession } from '../helpers/app-session'
import { describeFaultMatrix, FAULT_NOISE, type MatrixWrite } from './write-cells'

/*
 * «Обработка лида» × the six portal faults, for its two writes: the status step (a guarded lead
 * update, then its timeline comment; the fault on crm.lead.update) and the conversion (company,
 * contact, link, the client's first history event, then the lead marked converted; the fault on
 * crm.company.add). Each cell takes a fresh lead. Shapes: b24restdocs crm-lead-get.md,
 * crm-company-list.md, crm-contact-list.md, crm-timeline-comment-list.md.
 */

const MANAGER = 3
const TAB = 'Обработка лида'

let session: AppSession

beforeAll(async () => {
  session = await startAppSession({ limits: false, ignoreErrors: FAULT_NOISE, fakeClock: true })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  await session?.close()
})

type Row = Record<string, unknown> & { ID: string }
const rest = <T,>(method: string, params: Record<string, unknown>) => session.rest<T>(method, params)
const commentsOn = (type: 'lead' | 'company', id: number) =>
  rest<{ COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: id, ENTITY_TYPE: type }, select: ['ID', 'COMMENT'] })

async function newLead(title: string, stage: 'NEW' | 'PROCESSED'): Promise<number> {
  const processed = stage === 'PROCESSED'
  return session.restAs<number>(MANAGER, 'crm.lead.add', {
    fields: {
      TITLE: title,
      NAME: 'Инна',
      LAST_NAME: 'Матрицына',
      COMPANY_TITLE: title,
      STATUS_ID: processed ? 'CONVERTED' : 'NEW',
      SOURCE_ID: 'CALL',
      ASSIGNED_BY_ID: MANAGER,
      EMAIL: [{ VALUE: 'inna@matrix-kosino.ru', VALUE_TYPE: 'WORK' }],
      [L.stage.fieldName]: await enumItemId(session, 'lead', L.stage.fieldName, stage),
      ...(processed ? { [L.result.fieldName]: await enumItemId(session, 'lead', L.result.fieldName, 'CONVERT'), [L.outcome.fieldName]: 'Подходит' } : {}),
    },
  })
}

async function openLead(leadId: number) {
  const frame = await session.openTab('lead', leadId, TAB)
  await frame.locator('[data-testid="lead-status"]').waitFor({ timeout: 30_000 })
  return frame
}

const WRITES: MatrixWrite[] = [
  {
    name: 'lead step',
    method: 'crm.lead.update',
    testIds: { done: 'lead-step-done', plans: 'lead-processing', error: ['lead-error', 'lead-refused'], button: 'transition-submit' },
    async prepare(fault) {
      const leadId = await newLead(`Матрица: шаг, ${fault}`, 'NEW')
      const frame = await openLead(leadId)
      const typed = `Матрица ${fault}: нужен склад 200 м²`
      await frame.locator('[data-testid="first-result"]').fill(typed)
      return {
        frame,
        readBack: async () => {
          const lead = await rest<Record<string, unknown>>('crm.lead.get', { id: leadId })
          const moved = lead.STATUS_ID === 'IN_PROCESS' && lead[L.firstResult.fieldName] === typed
          const comments = (await commentsOn('lead', leadId)).filter((c) => c.COMMENT.startsWith('Статус обработки: Новый → Выяснение потребности')).length
          return {
            lost: moved ? 0 : 1,
            doubled: Math.max(0, comments - 1),
            // A comment about the move only when the lead moved.
            consistent: !(comments > 0 && !moved),
          }
        },
      }
    },
  },
  {
    name: 'lead conversion',
    method: 'crm.company.add',
    testIds: { done: 'lead-converted', plans: 'lead-processing', error: ['lead-error', 'lead-refused'], button: 'lead-convert' },
    async prepare(fault) {
      const title = `ООО «Матрица ${fault}»`
      const leadId = await newLead(title, 'PROCESSED')
      const frame = await openLead(leadId)
      return {
        frame,
        readBack: async () => {
          const companies = await rest<Row[]>('crm.company.list', { filter: { [C.lead.fieldName]: String(leadId) }, select: ['ID', 'TITLE'] })
          const lead = await rest<Record<string, unknown>>('crm.lead.get', { id: leadId })
          const pointsTo = Number(/(\d+)$/.exec(String(lead[L.company.fieldName] ?? ''))?.[1] ?? 0)
          const company = companies[0] ? Number(companies[0].ID) : 0
          const contacts = company ? (await rest<Row[]>('crm.contact.list', { filter: { COMPANY_ID: company }, select: ['ID'] })).length : 0
          const history = company ? (await commentsOn('company', company)).filter((c) => c.COMMENT.includes(`Лид №${leadId} преобразован`)).length : 0
          return {
            lost: pointsTo && company === pointsTo ? 0 : 1,
            doubled: Math.max(0, companies.length - 1) + Math.max(0, contacts - 1) + Math.max(0, history - 1),
            // The lead points to a company only once the company, its contact and its history are there.
            consistent: pointsTo === 0 || (pointsTo === company && contacts === 1 && history === 1),
          }
        },
      }
    },
  },
]

describeFaultMatrix('fault matrix: «Обработка лида»', () => session, WRITES)
