import { expect } from 'vitest'
import type { NotificationRow } from '../../../sandbox/rest/methods/system/im'
import { PLAYBOOK_FIELDS, type PlaybookFieldKey } from '@/domain/fields/playbook'
import { appClient, callApp } from './app-client'
import { eventually, runnerQuiet, type RunnerHarness } from './runner-harness'
import { webhookRaw } from './sandbox'

/*
 * A LEMUS deal walked by people through their own tokens while the runner alone does the
 * playbook: what they do (move, fill, close a task) and what the test reads back (tasks,
 * notifications, e-mail activities, timeline comments), all through REST or the portal's
 * own tables. Nothing here opens a tab.
 */

export const ADMIN = 1
export const HEAD = 2
export const MANAGER = 3
export const OTHER_MANAGER = 4
export const PRODUCT_MANAGER = 5
export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export interface WalkTask {
  id: string
  title: string
  status: string
  responsibleId: string
  createdBy: string
  auditors?: string[]
  deadline: string | null
  closedDate: string | null
}

export interface WalkDeal {
  ID: string
  STAGE_ID: string
  ASSIGNED_BY_ID: string
  MOVED_TIME: string
  MOVED_BY_ID: string
}

/** `pipeline`: a deal pipeline by name — LEMUS «Товары» / «Услуги», or the Kosino sale. */
export function lemusWalk(harness: RunnerHarness, pipeline: string) {
  async function rest<T>(userId: number, method: string, params: Record<string, unknown> = {}): Promise<T> {
    const reply = await webhookRaw(harness.sandbox, userId, method, params)
    if (reply.status !== 200) throw new Error(`${method}: ${reply.status} ${JSON.stringify(reply.body)}`)
    return reply.body.result as T
  }

  let stages: { STATUS_ID: string; NAME: string }[] | null = null
  async function stageId(name: string): Promise<string> {
    if (!stages) {
      const categories = await rest<{ categories: { id: number; name: string }[] }>(ADMIN, 'crm.category.list', { entityTypeId: 2 })
      const categoryId = Number(categories.categories.find((c) => c.name === pipeline)!.id)
      stages = await rest(ADMIN, 'crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${categoryId}` } })
    }
    const found = stages!.find((s) => s.NAME === name)
    if (!found) throw new Error(`no stage «${name}» in «${pipeline}»`)
    return found.STATUS_ID
  }

  async function categoryId(): Promise<number> {
    const categories = await rest<{ categories: { id: number; name: string }[] }>(ADMIN, 'crm.category.list', { entityTypeId: 2 })
    return Number(categories.categories.find((c) => c.name === pipeline)!.id)
  }

  /** A list field's value as the portal takes it: the item ID of the code (crm.deal.userfield.list). */
  async function enumId(userId: number, key: PlaybookFieldKey, code: string): Promise<string> {
    const fields = await rest<{ LIST?: { ID: string | number; XML_ID: string }[] }[]>(userId, 'crm.deal.userfield.list', { filter: { FIELD_NAME: PLAYBOOK_FIELDS[key].fieldName } })
    const item = fields[0]?.LIST?.find((i) => i.XML_ID === code)
    if (!item) throw new Error(`no item ${code} in ${key}`)
    return String(item.ID)
  }

  /** A yes/no answer as its field takes it: 1/0 for a portal yes/no field, the item ID of «Да»/«Нет» for a list. */
  async function yesNo(userId: number, key: PlaybookFieldKey, yes: boolean): Promise<unknown> {
    return PLAYBOOK_FIELDS[key].kind === 'enum' ? enumId(userId, key, yes ? 'Y' : 'N') : yes ? 1 : 0
  }

  /** The playbook fields by key → the deal's user fields (values as crm.deal.update takes them). */
  const asFields = (values: Partial<Record<PlaybookFieldKey, unknown>>) =>
    Object.fromEntries(Object.entries(values).map(([key, value]) => [PLAYBOOK_FIELDS[key as PlaybookFieldKey].fieldName, value]))

  async function fill(userId: number, dealId: number, values: Partial<Record<PlaybookFieldKey, unknown>>): Promise<void> {
    await rest(userId, 'crm.deal.update', { id: dealId, fields: asFields(values) })
  }

  async function move(userId: number, dealId: number, stage: string, values: Partial<Record<PlaybookFieldKey, unknown>> = {}): Promise<WalkDeal> {
    await rest(userId, 'crm.deal.update', { id: dealId, fields: { ...asFields(values), STAGE_ID: await stageId(stage) } })
    return deal(dealId)
  }

  const deal = (dealId: number) => rest<WalkDeal>(ADMIN, 'crm.deal.get', { id: dealId })

  async function tasks(dealId: number, title?: string): Promise<WalkTask[]> {
    const reply = await rest<{ tasks: WalkTask[] }>(ADMIN, 'tasks.task.list', {
      filter: { UF_CRM_TASK: `D_${dealId}` },
      select: ['ID', 'TITLE', 'STATUS', 'RESPONSIBLE_ID', 'CREATED_BY', 'AUDITORS', 'DEADLINE', 'CLOSED_DATE'],
      order: { ID: 'asc' },
    })
    return reply.tasks.filter((task) => title === undefined || task.title === title)
  }

  const isOpen = (task: WalkTask) => Number(task.status) !== 5 && Number(task.status) !== 4

  /** The runner has nothing left to do now: no event queued on the portal, no job due, no failure on its last turn. */
  async function idle(): Promise<void> {
    expect(await runnerQuiet(harness)).toEqual({ queued: 0, due: [], error: null })
  }

  /**
   * The stage task the runner sets: it appears, and once the runner is idle it is the only open
   * task of that title, for the right people, due when the playbook says.
   */
  async function expectTask(dealId: number, title: string, deadlineMs: number, who: { responsible: number; auditor: number } = { responsible: MANAGER, auditor: HEAD }): Promise<WalkTask> {
    await eventually(() => tasks(dealId, title), (found) => found.some(isOpen))
    await idle()
    const open = (await tasks(dealId, title)).filter(isOpen)
    expect(open.map((task) => task.title)).toEqual([title])
    const task = open[0]!
    expect(Number(task.responsibleId)).toBe(who.responsible)
    expect(Number(task.createdBy)).toBe(ADMIN)
    expect((task.auditors ?? []).map(Number)).toContain(who.auditor)
    expect(Math.abs(Date.parse(task.deadline!) - deadlineMs)).toBeLessThanOrEqual(MINUTE)
    return task
  }

  /** A date field set `fromNowMs` ahead of the portal's time, as the manager types it; returns the date. */
  async function fillDate(dealId: number, key: PlaybookFieldKey, fromNowMs: number): Promise<number> {
    const date = (await portalNow()) + fromNowMs
    await fill(MANAGER, dealId, { [key]: new Date(date).toISOString() })
    return date
  }

  /** The manager closes the one open task of that title. */
  async function completeOpen(dealId: number, title: string): Promise<WalkTask> {
    const task = (await tasks(dealId, title)).find(isOpen)
    if (!task) throw new Error(`no open task «${title}»`)
    await complete(MANAGER, task)
    return task
  }

  /** No task of that title after the runner went idle. */
  async function expectNoTask(dealId: number, title: string): Promise<void> {
    await idle()
    expect(await tasks(dealId, title)).toEqual([])
  }

  /** The responsible closes his task (tasks.task.complete with his own token); returns when it closed. */
  async function complete(userId: number, task: WalkTask): Promise<number> {
    const done = await rest<{ task: { closedDate: string } }>(userId, 'tasks.task.complete', { taskId: Number(task.id) })
    return Date.parse(done.task.closedDate)
  }

  async function portalNow(): Promise<number> {
    return Date.parse(await rest<string>(ADMIN, 'server.time'))
  }

  const noticeRows = (fragment: string) =>
    [...harness.sandbox.store.table<NotificationRow>('notifications').rows()].filter((row) => row.MESSAGE.includes(fragment))

  /** Every notice the walk saw, by its text: at the end none was sent again (a repeat replaces the row). */
  const seen = new Map<string, number[]>()

  /** A notice fires to exactly these people (once each) and is remembered for `expectNoRepeats`. */
  async function expectNotice(fragment: string, recipients: number[]): Promise<NotificationRow[]> {
    await eventually(async () => noticeRows(fragment), (rows) => rows.length >= recipients.length)
    await idle()
    const rows = noticeRows(fragment)
    expect(rows.map((row) => row.USER_ID).sort()).toEqual([...recipients].sort())
    seen.set(fragment, rows.map((row) => row.ID).sort())
    return rows
  }

  function expectNoNotice(fragment: string): void {
    expect(noticeRows(fragment)).toEqual([])
  }

  function expectNoRepeats(): void {
    for (const [fragment, ids] of seen) expect([fragment, noticeRows(fragment).map((row) => row.ID).sort()]).toEqual([fragment, ids])
  }

  /** Outgoing e-mails on the deal (crm.activity.list TYPE_ID 4, DIRECTION 2), oldest first. */
  async function emails(dealId: number): Promise<{ ID: string; SUBJECT: string; DESCRIPTION: string; COMMUNICATIONS?: { VALUE: string }[] }[]> {
    return rest(ADMIN, 'crm.activity.list', {
      filter: { OWNER_TYPE_ID: 2, OWNER_ID: dealId, TYPE_ID: 4, DIRECTION: 2 },
      select: ['ID', 'SUBJECT', 'DESCRIPTION', 'COMMUNICATIONS'],
      order: { ID: 'ASC' },
    })
  }

  async function comments(dealId: number): Promise<string[]> {
    const rows = await rest<{ COMMENT: string }[]>(ADMIN, 'crm.timeline.comment.list', { filter: { ENTITY_TYPE: 'deal', ENTITY_ID: dealId } })
    return rows.map((row) => row.COMMENT)
  }

  /**
   * A task closed while its condition does not hold: the runner opens it again, says why on the
   * deal's timeline and tells the responsible.
   */
  async function expectRenewed(dealId: number, task: WalkTask, userId: number, reason: string): Promise<void> {
    await complete(userId, task)
    const why = `Задача «${task.title}» возобновлена: ${reason}`
    await expectNotice(why, [userId])
    expect((await tasks(dealId, task.title)).filter(isOpen).map((t) => t.id)).toEqual([task.id])
    expect((await comments(dealId)).filter((text) => text.includes(why))).toHaveLength(1)
  }

  /** The admin names the product manager and the works executor in settings (app option playbookPeople). */
  async function setPeople(people: { productManagerId: number; roles: Record<string, number> }): Promise<void> {
    const { b24 } = await appClient(harness.sandbox.origin, ADMIN)
    await callApp(b24, 'app.option.set', { options: { playbookPeople: JSON.stringify(people) } })
  }

  return { rest, stageId, categoryId, enumId, yesNo, fill, fillDate, completeOpen, move, deal, tasks, isOpen, idle, expectTask, expectNoTask, complete, portalNow, noticeRows, expectNotice, expectNoNotice, expectNoRepeats, emails, comments, expectRenewed, setPeople }
}
