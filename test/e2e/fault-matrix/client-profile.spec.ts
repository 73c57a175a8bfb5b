import type { Frame } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { historyEventToComment, localIsoDate } from '../../../src/domain/client-profile/history'
import { CLIENT_PROFILE_FIELDS as F } from '../../../src/domain/fields/client-profile'
import { startAppSession, type AppSession } from '../helpers/app-session'
import { FAULT_KINDS, injectFault, recordCell, type CellOutcome, type FaultKind } from '../helpers/fault-matrix'
import { writeOutcome, type Skipped } from '../helpers/fault-matrix'

/*
 * «Профиль клиента» × the six portal faults, for each of its writes: the profile save (a guarded
 * company update, then a new contact person), the new person's «Должность» (the contact's POST,
 * written by the contact step after the company update in the same batch), the status change (a
 * guarded status update, then its timeline comment), a history event (a tagged timeline comment),
 * and its author's edit and delete of an event (issue 16: the change, then the tagged record of
 * it). In each cell a manager opens a fresh company, types, and presses the button with the fault
 * armed on the write's own method. When the tab says «Не завершено» (or the request failed before writing), the fault is
 * cleared and the manager presses «Повторить» (or the button again), as a person would. Then REST
 * tells: is what was typed there, is anything doubled, does the card agree with itself, was the
 * user told, and was a success text shown while the portal did not hold the write.
 * Shapes: b24restdocs crm-company-get.md, crm-contact-list.md, crm-timeline-comment-list.md.
 */

const MANAGER = 3
const TAB = 'Профиль клиента'

let session: AppSession
const cells: CellOutcome[] = []

beforeAll(async () => {
  // The faults make the page log failed requests: expected here, not collected.
  session = await startAppSession({ limits: false, fakeClock: true, ignoreErrors: [/status of (401|429|500|503)/, /INTERNAL_SERVER_ERROR|QUERY_LIMIT_EXCEEDED|OPERATION_TIME_LIMIT|expired_token/i] })
  await session.actAs(MANAGER)
})

afterAll(async () => {
  if (cells.length) console.table(cells)
  await session?.close()
})

interface Write {
  name: string
  method: string
  testIds: { done: string; plans: string; error: string[]; button: string }
  /** What the company holds before the tab opens (an event to edit). */
  seed?(companyId: number, fault: FaultKind): Promise<void>
  /** How the user sends the write, the first time and again after a failure (default: the button). */
  press?(frame: Frame): Promise<void>
  /** Types the write in the tab; returns how to read the result back. */
  type(frame: Frame, companyId: number, fault: FaultKind): Promise<() => Promise<{ lost: number; doubled: number; consistent: boolean }>>
}

const rest = <T,>(method: string, params: Record<string, unknown>) => session.rest<T>(method, params)
const commentsOf = (companyId: number) =>
  rest<{ ID: string; COMMENT: string }[]>('crm.timeline.comment.list', { filter: { ENTITY_ID: companyId, ENTITY_TYPE: 'company' }, select: ['ID', 'COMMENT'] })

/** The manager's own event on the company, written as the tab writes events (b24restdocs crm-timeline-comment-add.md). */
const eventText = (fault: FaultKind) => `Матрица ${fault}: встреча на складе`
/** The seeded events' IDs by company. */
const seededIds = new Map<number, number>()
async function seedEvent(companyId: number, fault: FaultKind): Promise<void> {
  const comment = historyEventToComment({ type: 'AFTER_SALES', comment: eventText(fault), date: localIsoDate(new Date()), files: [] })
  seededIds.set(companyId, await session.restAs<number>(MANAGER, 'crm.timeline.comment.add', { fields: { ENTITY_ID: companyId, ENTITY_TYPE: 'company', COMMENT: comment } }))
}

/** The seeded event's comment (none once deleted) and the records of its edit or delete («[Событие истории …] #id»). */
async function eventAndRecords(companyId: number, action: 'изменено' | 'удалено') {
  const comments = await commentsOf(companyId)
  const eventId = seededIds.get(companyId)
  const event = comments.find((c) => Number(c.ID) === eventId)
  const records = comments.filter((c) => c.COMMENT.startsWith(`[Событие истории ${action}] #${eventId}\n`)).length
  return { comments, event, records }
}

const WRITES: Write[] = [
  {
    name: 'profile save',
    method: 'crm.company.update',
    testIds: { done: 'profile-saved', plans: 'profile-plans', error: ['profile-error', 'profile-refused'], button: 'profile-save' },
    async type(frame, companyId, fault) {
      const source = `Матрица ${fault}`
      const lastName = `Матрицын-${fault}`
      await frame.locator('[data-testid="card-source-text"]').fill(source)
      await frame.locator('[data-testid="tick-contacts"]').check()
      await frame.locator('[data-testid="person-0-lastName"]').fill(lastName)
      await frame.locator('[data-testid="person-0-firstName"]').fill('Пётр')
      return async () => {
        const company = await rest<Record<string, unknown>>('crm.company.get', { id: companyId })
        const contacts = await rest<{ LAST_NAME: string }[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'LAST_NAME'] })
        const mine = contacts.filter((contact) => contact.LAST_NAME === lastName).length
        const sourceThere = company[F.source.fieldName] === source
        return {
          lost: (sourceThere ? 0 : 1) + (mine === 0 ? 1 : 0),
          doubled: Math.max(0, mine - 1),
          // The plan writes the company first: a contact of this save on a card without its fields is a half-write.
          consistent: !(mine > 0 && !sourceThere),
        }
      }
    },
  },
  {
    name: 'contact position',
    method: 'crm.contact.add',
    testIds: { done: 'profile-saved', plans: 'profile-plans', error: ['profile-error', 'profile-refused'], button: 'profile-save' },
    async type(frame, companyId, fault) {
      const source = `Матрица должности ${fault}`
      const lastName = `Должностин-${fault}`
      const position = `Начальник склада ${fault}`
      await frame.locator('[data-testid="card-source-text"]').fill(source)
      await frame.locator('[data-testid="tick-contacts"]').check()
      await frame.locator('[data-testid="person-0-lastName"]').fill(lastName)
      await frame.locator('[data-testid="person-0-firstName"]').fill('Олег')
      await frame.locator('[data-testid="tick-position"]').check()
      await frame.locator('[data-testid="person-0-position"]').fill(position)
      return async () => {
        const company = await rest<Record<string, unknown>>('crm.company.get', { id: companyId })
        // b24restdocs crm-contact-list.md: POST is the contact's «Должность».
        const contacts = await rest<{ LAST_NAME: string; POST: string | null }[]>('crm.contact.list', { filter: { COMPANY_ID: companyId }, select: ['ID', 'LAST_NAME', 'POST'] })
        const mine = contacts.filter((contact) => contact.LAST_NAME === lastName)
        const sourceThere = company[F.source.fieldName] === source
        return {
          lost: (sourceThere ? 0 : 1) + (mine.length === 0 ? 1 : 0) + (mine.some((contact) => contact.POST === position) ? 0 : 1),
          doubled: Math.max(0, mine.length - 1),
          // The company first, then the person with the position: never a person of this save on a card without it.
          consistent: !(mine.length > 0 && !sourceThere) && mine.every((contact) => contact.POST === position),
        }
      }
    },
  },
  {
    name: 'status change',
    method: 'crm.company.update',
    testIds: { done: 'status-changed', plans: 'status-plans', error: ['profile-error', 'status-error'], button: 'status-deactivate' },
    async type(_frame, companyId) {
      const before = (await commentsOf(companyId)).filter((c) => c.COMMENT.startsWith('Статус клиента:')).length
      return async () => {
        const company = await rest<Record<string, unknown>>('crm.company.get', { id: companyId })
        const comments = (await commentsOf(companyId)).filter((c) => c.COMMENT.startsWith('Статус клиента:') && c.COMMENT.includes('Не активен')).length - before
        const log = JSON.parse(String(company[F.statusLog.fieldName] || '[]')) as unknown[]
        const inactive = company[F.inactive.fieldName] === '1'
        return {
          lost: inactive ? 0 : 1,
          doubled: Math.max(0, comments - 1) + Math.max(0, log.length - 1),
          // A comment about the change exactly when the change is there.
          consistent: inactive === comments > 0 && log.length === (inactive ? 1 : 0),
        }
      }
    },
  },
  {
    name: 'history event',
    method: 'crm.timeline.comment.add',
    testIds: { done: 'history-added', plans: 'history-plans', error: ['profile-error', 'history-error'], button: 'history-add' },
    async type(frame, companyId, fault) {
      const text = `Матрица ${fault}: звонок клиенту`
      await frame.locator('[data-testid="history-comment"]').fill(text)
      return async () => {
        const written = (await commentsOf(companyId)).filter((c) => c.COMMENT.includes(text)).length
        const shown = await frame.locator('[data-testid="history-item-comment"]').allTextContents()
        return { lost: written === 0 ? 1 : 0, doubled: Math.max(0, written - 1), consistent: shown.every((line) => !line.includes('[b24app:')) }
      }
    },
  },
  {
    name: 'history edit',
    method: 'crm.timeline.comment.update',
    testIds: { done: 'history-changed', plans: 'history-plans', error: ['profile-error', 'history-change-error'], button: 'history-edit-save' },
    seed: seedEvent,
    async type(frame, companyId, fault) {
      const text = `Матрица ${fault}: согласовали 1200 м²`
      await frame.locator('[data-testid="history-item-edit"]').click()
      await frame.locator('[data-testid="history-edit-comment"]').fill(text)
      return async () => {
        const { comments, event, records } = await eventAndRecords(companyId, 'изменено')
        const edited = event?.COMMENT.includes(text) ?? false
        // The new text exactly once: on the event itself (the record keeps the text before).
        const withText = comments.filter((c) => c.COMMENT.includes(text)).length
        const shown = await frame.locator('[data-testid="history-item-comment"]').allTextContents()
        return {
          lost: (edited ? 0 : 1) + (records === 0 ? 1 : 0),
          doubled: Math.max(0, withText - 1) + Math.max(0, records - 1),
          // A record of the edit only with the edit there (it is written after), and the tab shows what the portal holds.
          consistent: (records === 0 || edited) && shown.some((line) => line.includes(text)) === edited && !(edited && shown.some((line) => line === eventText(fault))),
        }
      }
    },
  },
  {
    name: 'history delete',
    method: 'crm.timeline.comment.delete',
    testIds: { done: 'history-removed', plans: 'history-plans', error: ['profile-error', 'history-change-error'], button: 'history-delete-confirm' },
    seed: seedEvent,
    // Delete asks first: the button, then «Удалить» in the dialog (again after a failure: the dialog closed).
    async press(frame) {
      await frame.locator('[data-testid="history-item-delete"]').click()
      await frame.locator('[data-testid="history-delete-confirm"]').click()
    },
    async type(frame, companyId, fault) {
      await frame.locator('[data-testid="history-item-delete"]').waitFor()
      return async () => {
        const { event, records } = await eventAndRecords(companyId, 'удалено')
        const shown = await frame.locator('[data-testid="history-item-comment"]').allTextContents()
        const shownRecords = await frame.locator('[data-testid="history-deleted-record"]').count()
        return {
          lost: (event ? 1 : 0) + (records === 0 ? 1 : 0),
          doubled: Math.max(0, records - 1),
          // A record of the delete only with the event gone; the tab shows the event exactly while the portal has it.
          consistent: (records === 0 || !event) && shown.some((line) => line.includes(eventText(fault))) === !!event && shownRecords === records,
        }
      }
    },
  },
]

describe('fault matrix: «Профиль клиента»', () => {
  for (const write of WRITES) {
    for (const fault of FAULT_KINDS) {
      it(`${write.name} × ${fault}`, async () => {
        const companyId = await session.restAs<number>(MANAGER, 'crm.company.add', { fields: { TITLE: `Матрица: ${write.name}, ${fault}`, ASSIGNED_BY_ID: MANAGER } })
        await write.seed?.(companyId, fault)
        const frame = await session.openTab('company', companyId, TAB)
        await frame.locator('[data-testid="profile-fields"]').waitFor({ timeout: 30_000 })
        const readBack = await write.type(frame, companyId, fault)

        const press = write.press ?? ((on: Frame) => on.locator(`[data-testid="${write.testIds.button}"]`).click())
        injectFault(session, fault, write.method)
        const started = Date.now()
        // The app's pauses (2 s on a limit, 1 s without a reply) are skipped on the page's clock once shown; they count in the seconds.
        const skipped: Skipped = { ms: 0 }
        const outcome = () => writeOutcome(frame, write.testIds, 60_000, skipped)
        await press(frame)
        let seen = await outcome()
        const told = seen !== null
        // The armed fault really met the write (it is used up).
        const consumed = session.sandbox.control.state().faults.length === 0
        let falseSaved = seen === 'done' && (await readBack()).lost > 0
        if (seen === 'incomplete' || seen === 'error') {
          // The user finishes it once the portal is fine again.
          session.sandbox.control.clearFaults()
          if (seen === 'incomplete') await frame.locator(`[data-testid="${write.testIds.plans}"] [data-testid="plan-repeat"]`).first().click()
          else await press(frame)
          seen = await outcome()
          falseSaved ||= seen === 'done' && (await readBack()).lost > 0
        }
        const seconds = Math.round((Date.now() - started + skipped.ms) / 100) / 10
        session.sandbox.control.clearFaults()

        const back = await readBack()
        const cell: CellOutcome = { write: write.name, fault, lost: back.lost, doubled: back.doubled, falseSaved, inconsistent: !back.consistent, told, seconds }
        recordCell(cell)
        cells.push(cell)
        expect(consumed, 'the fault met the write').toBe(true)
        expect(seen, 'the write ended done').toBe('done')
        expect(cell).toMatchObject({ lost: 0, doubled: 0, falseSaved: false, inconsistent: false, told: true })
      })
    }
  }
})
