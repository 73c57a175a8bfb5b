import { pageOf } from '../../../core/paging'
import { RestError } from '../../../core/errors'
import type { CallContext, MethodTable, Params, UserRow } from '../../../core/types'
import type { Row } from '../../../store/types'
import { compileFilter, compileOrder, dateMillis, parseFilter, parseOrder } from '../../filter'
import { formatPortalDate, parseDateInput } from './dates'
import { CALL_COST, LIST_COST } from './legacy-methods'
import { isObject, listOf, param, positiveId } from './params'
import { subordinatesOf } from './rights'
import { raiseTaskEvent } from '../system/offline-queue'

/**
 * `tasks.task.{add,update,get,list,complete,delete}`: input UPPER_CASE, output camelCase with numbers
 * as strings, `{task}` / `{tasks}`. b24restdocs `api-reference/tasks/tasks-task-{add,update,get,list}.md`,
 * `api-reference/tasks/status/tasks-task-complete.md`, `api-reference/tasks/tasks-task-delete.md`,
 * `api-reference/tasks/fields.md`.
 */

export interface TaskRow extends Row {
  TITLE: string
  DESCRIPTION: string
  RESPONSIBLE_ID: number
  CREATED_BY: number
  CHANGED_BY: number
  CLOSED_BY: number | null
  STATUS: number
  PRIORITY: number
  GROUP_ID: number
  PARENT_ID: number
  DEADLINE: string | null
  START_DATE_PLAN: string | null
  END_DATE_PLAN: string | null
  CREATED_DATE: string
  CHANGED_DATE: string
  CLOSED_DATE: string | null
  AUDITORS: number[]
  ACCOMPLICES: number[]
  UF_CRM_TASK: string[]
}

export const TASK_TABLE = 'tasks'

export const TASK_STATUS = { pending: 2, inProgress: 3, awaitingControl: 4, completed: 5, deferred: 6 } as const

const core = (text: string) => new RestError(400, 'ERROR_CORE', text)
// status/tasks-task-complete.md: a missing task, a hidden one and a forbidden action all answer this.
const notAllowed = () => new RestError(400, '0', 'Action on the task is not allowed')
// tasks-task-delete.md: no access to the task or no right to delete it.
const noDeleteAccess = () => new RestError(400, '1048582', 'No access to delete the task')
// tasks-task-{get,delete,complete}.md: a taskId that is not a positive integer.
const wrongTaskId = () => new RestError(400, '0', 'wrong task id')
// tasks-task-delete.md (and tasks-task-approve.md) for a missing taskId; tasks-task-get.md adds " (internal error)".
// status/tasks-task-complete.md lists no text for it: the delete page's is used.
const NO_TASK_ID = 'CTaskItem All parameters in the constructor must have real class type'
const noTaskId = (suffix = '') => new RestError(400, '100', `${NO_TASK_ID}${suffix}`)

function participants(t: TaskRow): number[] {
  return [t.CREATED_BY, t.RESPONSIBLE_ID, ...t.AUDITORS, ...t.ACCOMPLICES]
}

/** Participants, admins and heads of the creator's or responsible's departments see a task. */
export function canSeeTask(ctx: CallContext, t: TaskRow): boolean {
  if (ctx.user.IS_ADMIN || participants(t).includes(ctx.user.ID)) return true
  const subordinates = subordinatesOf(ctx.store, ctx.user.ID)
  return subordinates.has(t.RESPONSIBLE_ID) || subordinates.has(t.CREATED_BY)
}

/** Only the responsible, the creator or an admin may complete (or edit) a task. */
export function canCompleteTask(ctx: CallContext, t: TaskRow): boolean {
  return ctx.user.IS_ADMIN || t.RESPONSIBLE_ID === ctx.user.ID || t.CREATED_BY === ctx.user.ID
}

function userBrief(ctx: CallContext, id: number): Record<string, string> {
  const u = ctx.store.table<UserRow>('users').get(id)
  return {
    id: String(id),
    name: u ? `${u.NAME} ${u.LAST_NAME}`.trim() : '',
    link: `/company/personal/user/${id}/`,
    icon: u?.PERSONAL_PHOTO || '/bitrix/images/tasks/default_avatar.png',
    workPosition: u?.WORK_POSITION ?? '',
  }
}

const str = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v))

function taskView(ctx: CallContext, t: TaskRow, select: Set<string> | null): Record<string, unknown> {
  const can = canCompleteTask(ctx, t)
  const full: Record<string, [string, unknown]> = {
    ID: ['id', String(t.ID)],
    PARENT_ID: ['parentId', String(t.PARENT_ID)],
    TITLE: ['title', t.TITLE],
    DESCRIPTION: ['description', t.DESCRIPTION],
    PRIORITY: ['priority', String(t.PRIORITY)],
    STATUS: ['status', String(t.STATUS)],
    REAL_STATUS: ['realStatus', String(t.STATUS)],
    SUB_STATUS: ['subStatus', String(t.STATUS)],
    GROUP_ID: ['groupId', String(t.GROUP_ID)],
    CREATED_BY: ['createdBy', String(t.CREATED_BY)],
    CREATED_DATE: ['createdDate', t.CREATED_DATE],
    RESPONSIBLE_ID: ['responsibleId', String(t.RESPONSIBLE_ID)],
    CHANGED_BY: ['changedBy', String(t.CHANGED_BY)],
    CHANGED_DATE: ['changedDate', t.CHANGED_DATE],
    CLOSED_BY: ['closedBy', str(t.CLOSED_BY)],
    CLOSED_DATE: ['closedDate', t.CLOSED_DATE],
    DEADLINE: ['deadline', t.DEADLINE],
    START_DATE_PLAN: ['startDatePlan', t.START_DATE_PLAN],
    END_DATE_PLAN: ['endDatePlan', t.END_DATE_PLAN],
    AUDITORS: ['auditors', t.AUDITORS.map(String)],
    ACCOMPLICES: ['accomplices', t.ACCOMPLICES.map(String)],
    UF_CRM_TASK: ['ufCrmTask', [...t.UF_CRM_TASK]],
  }
  const out: Record<string, unknown> = {}
  for (const [upper, [camel, value]] of Object.entries(full)) {
    if (upper === 'UF_CRM_TASK' ? select?.has(upper) || select?.has('*') : select === null || select.has(upper) || upper === 'ID') {
      out[camel] = value
    }
  }
  out.creator = userBrief(ctx, t.CREATED_BY)
  out.responsible = userBrief(ctx, t.RESPONSIBLE_ID)
  out.action = {
    complete: can && t.STATUS !== TASK_STATUS.completed,
    renew: can && t.STATUS === TASK_STATUS.completed,
    edit: can,
    remove: ctx.user.IS_ADMIN || t.CREATED_BY === ctx.user.ID,
    start: can && t.STATUS === TASK_STATUS.pending,
    approve: false,
    disapprove: false,
  }
  return out
}

function selectOf(raw: unknown): Set<string> | null {
  const list = listOf(raw).map((s) => String(s).toUpperCase())
  return list.length ? new Set(list) : null
}

function userExists(ctx: CallContext, id: number): boolean {
  return ctx.store.table<UserRow>('users').get(id) !== undefined
}

function ids(raw: unknown): number[] {
  return [...new Set(listOf(raw).map(Number).filter((n) => Number.isInteger(n) && n > 0))]
}

function dateField(raw: unknown, name: string): string | null {
  try {
    return parseDateInput(raw)
  } catch {
    throw core(`Incorrect date in ${name}`)
  }
}

/** UPPER_CASE written fields → stored patch (validated). */
function taskPatch(ctx: CallContext, fields: Record<string, unknown>, existing: TaskRow | undefined): Partial<TaskRow> {
  const f: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) f[k.toUpperCase()] = v
  const patch: Partial<TaskRow> = {}
  if ('TITLE' in f) patch.TITLE = String(f.TITLE ?? '').trim()
  if ('DESCRIPTION' in f) patch.DESCRIPTION = String(f.DESCRIPTION ?? '')
  if ('RESPONSIBLE_ID' in f) {
    const id = positiveId(f.RESPONSIBLE_ID)
    if (id === null) throw core('Responsible person not specified')
    if (!userExists(ctx, id)) throw core('User specified in the "Responsible" field not found')
    patch.RESPONSIBLE_ID = id
  }
  if ('PRIORITY' in f) patch.PRIORITY = [0, 1, 2].includes(Number(f.PRIORITY)) ? Number(f.PRIORITY) : 1
  if ('STATUS' in f) {
    const s = Number(f.STATUS)
    if (![2, 3, 4, 5, 6].includes(s)) throw core('Incorrect status')
    patch.STATUS = s
  }
  if ('GROUP_ID' in f) patch.GROUP_ID = Number(f.GROUP_ID) || 0
  if ('PARENT_ID' in f) {
    const parent = Number(f.PARENT_ID) || 0
    if (parent && !ctx.store.table(TASK_TABLE).get(parent)) throw core('Task specified in the "Parent Task" field not found')
    patch.PARENT_ID = parent
  }
  if ('DEADLINE' in f) patch.DEADLINE = dateField(f.DEADLINE, 'DEADLINE')
  if ('START_DATE_PLAN' in f) patch.START_DATE_PLAN = dateField(f.START_DATE_PLAN, 'START_DATE_PLAN')
  if ('END_DATE_PLAN' in f) patch.END_DATE_PLAN = dateField(f.END_DATE_PLAN, 'END_DATE_PLAN')
  const start = patch.START_DATE_PLAN ?? existing?.START_DATE_PLAN
  const end = patch.END_DATE_PLAN ?? existing?.END_DATE_PLAN
  if (start && end && (dateMillis(end) ?? 0) < (dateMillis(start) ?? 0)) throw core('The end date in scheduling is earlier than the start date')
  if ('AUDITORS' in f) patch.AUDITORS = ids(f.AUDITORS)
  if ('ACCOMPLICES' in f) patch.ACCOMPLICES = ids(f.ACCOMPLICES)
  if ('UF_CRM_TASK' in f) {
    patch.UF_CRM_TASK = [...new Set(listOf(f.UF_CRM_TASK).map((v) => String(v).trim()).filter(Boolean))]
    for (const binding of patch.UF_CRM_TASK) {
      if (!/^(L|D|C|CO|T[0-9a-f]+)_\d+$/.test(binding)) throw core(`Incorrect CRM binding ${binding}`)
    }
  }
  return patch
}

/** The asked task id: 100 without one, 0 "wrong task id" when it is not a positive integer. */
function requireTaskId(params: Params, missingSuffix = ''): number {
  const raw = param(params, 'taskId') ?? param(params, 'id')
  if (raw === undefined || raw === null || raw === '') throw noTaskId(missingSuffix)
  const id = positiveId(raw)
  if (id === null) throw wrongTaskId()
  return id
}

/** The task the caller can see, or `denied()` (a missing task reads as a hidden one). */
function visibleTask(ctx: CallContext, params: Params, denied: () => RestError, missingSuffix = ''): TaskRow {
  const task = ctx.store.table<TaskRow>(TASK_TABLE).get(requireTaskId(params, missingSuffix))
  if (!task || !canSeeTask(ctx, task)) throw denied()
  return task
}

function fieldsOf(params: Params): Record<string, unknown> {
  const fields = param(params, 'fields')
  if (!isObject(fields) || Object.keys(fields).length === 0) {
    throw new RestError(400, '100', 'Could not find value for parameter {fields}')
  }
  return fields
}

const FILTER_ALIASES: Record<string, string> = { ACCOMPLICE: 'ACCOMPLICES', AUDITOR: 'AUDITORS', REAL_STATUS: 'STATUS' }

export const taskMethods: MethodTable = {
  'tasks.task.add': {
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const fields = fieldsOf(params)
      const patch = taskPatch(ctx, fields, undefined)
      if (!patch.TITLE) throw core('Task title not specified')
      if (!patch.RESPONSIBLE_ID) throw core('Responsible person not specified')
      const now = formatPortalDate(ctx.now())
      const row = ctx.store.table<TaskRow>(TASK_TABLE).insert({
        TITLE: patch.TITLE,
        DESCRIPTION: patch.DESCRIPTION ?? '',
        RESPONSIBLE_ID: patch.RESPONSIBLE_ID,
        // The creator is whoever calls; a CREATED_BY in the request is not trusted.
        CREATED_BY: ctx.user.ID,
        CHANGED_BY: ctx.user.ID,
        CLOSED_BY: null,
        STATUS: patch.STATUS ?? TASK_STATUS.pending,
        PRIORITY: patch.PRIORITY ?? 1,
        GROUP_ID: patch.GROUP_ID ?? 0,
        PARENT_ID: patch.PARENT_ID ?? 0,
        DEADLINE: patch.DEADLINE ?? null,
        START_DATE_PLAN: patch.START_DATE_PLAN ?? null,
        END_DATE_PLAN: patch.END_DATE_PLAN ?? null,
        CREATED_DATE: now,
        CHANGED_DATE: now,
        CLOSED_DATE: patch.STATUS === TASK_STATUS.completed ? now : null,
        AUDITORS: patch.AUDITORS ?? [],
        ACCOMPLICES: patch.ACCOMPLICES ?? [],
        UF_CRM_TASK: patch.UF_CRM_TASK ?? [],
      })
      raiseTaskEvent(ctx, 'ADD', row.ID)
      return { task: taskView(ctx, row, new Set(['*', 'UF_CRM_TASK', ...Object.keys(row)])) }
    },
  },
  'tasks.task.update': {
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      // tasks-task-update.md words the missing taskId as tasks-task-get.md does.
      const task = visibleTask(ctx, params, notAllowed, ' (internal error)')
      if (!canCompleteTask(ctx, task)) throw notAllowed()
      const patch = taskPatch(ctx, fieldsOf(params), task)
      if (patch.TITLE === '') throw core('Task title not specified')
      const now = formatPortalDate(ctx.now())
      if (patch.STATUS !== undefined && patch.STATUS !== task.STATUS) {
        patch.CLOSED_DATE = patch.STATUS === TASK_STATUS.completed ? now : null
        patch.CLOSED_BY = patch.STATUS === TASK_STATUS.completed ? ctx.user.ID : null
      }
      const row = ctx.store.table<TaskRow>(TASK_TABLE).update(task.ID, { ...patch, CHANGED_BY: ctx.user.ID, CHANGED_DATE: now })
      raiseTaskEvent(ctx, 'UPDATE', row.ID)
      return { task: taskView(ctx, row, new Set(['*', 'UF_CRM_TASK', ...Object.keys(row)])) }
    },
  },
  'tasks.task.get': {
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const id = requireTaskId(params, ' (internal error)')
      const task = ctx.store.table<TaskRow>(TASK_TABLE).get(id)
      // A missing task and a task the caller may not see look the same: `"result": []` (tasks-task-get.md).
      if (!task || !canSeeTask(ctx, task)) return []
      return { task: taskView(ctx, task, selectOf(param(params, 'select'))) }
    },
  },
  'tasks.task.list': {
    scope: 'task',
    cost: LIST_COST,
    handler: (ctx, params) => {
      const now = ctx.now().getTime()
      const filter = param(params, 'filter')
      const overdue = isObject(filter) && Number(filter.STATUS) === -1
      const rest = isObject(filter) ? { ...filter } : {}
      if (overdue) delete rest.STATUS
      const group = parseFilter(rest, { mapField: (f) => FILTER_ALIASES[f.toUpperCase()] ?? f.toUpperCase() })
      const matches = compileFilter(group, (t: TaskRow, f) => t[f])
      const order = parseOrder(param(params, 'order'), (f) => f.toUpperCase())
      const rows = [...ctx.store.table<TaskRow>(TASK_TABLE).rows()]
        .filter((t) => canSeeTask(ctx, t) && matches(t))
        .filter((t) => !overdue || (t.STATUS !== TASK_STATUS.completed && t.DEADLINE !== null && (dateMillis(t.DEADLINE) ?? 0) < now))
        .sort(compileOrder(order.length ? order : [{ field: 'ID', desc: true }], (t, f) => t[f]))
      const select = selectOf(param(params, 'select'))
      return pageOf(rows, param(params, 'start'), (t) => taskView(ctx, t, select), (tasks) => ({ tasks }))
    },
  },
  'tasks.task.complete': {
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const task = visibleTask(ctx, params, notAllowed)
      if (!canCompleteTask(ctx, task) || task.STATUS === TASK_STATUS.completed) throw notAllowed()
      const now = formatPortalDate(ctx.now())
      const row = ctx.store.table<TaskRow>(TASK_TABLE).update(task.ID, {
        STATUS: TASK_STATUS.completed,
        CLOSED_DATE: now,
        CLOSED_BY: ctx.user.ID,
        CHANGED_BY: ctx.user.ID,
        CHANGED_DATE: now,
      })
      raiseTaskEvent(ctx, 'UPDATE', row.ID)
      return { task: taskView(ctx, row, null) }
    },
  },
  'tasks.task.renew': {
    // b24restdocs tasks/tasks-task-renew.md: a completed task is open again (pending). An open
    // task is answered as it is, so a renewal repeated after a lost reply is harmless here.
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const task = visibleTask(ctx, params, notAllowed)
      if (!canCompleteTask(ctx, task)) throw notAllowed()
      if (task.STATUS !== TASK_STATUS.completed && task.STATUS !== TASK_STATUS.awaitingControl) return { task: taskView(ctx, task, null) }
      const now = formatPortalDate(ctx.now())
      const row = ctx.store.table<TaskRow>(TASK_TABLE).update(task.ID, { STATUS: TASK_STATUS.pending, CLOSED_DATE: null, CLOSED_BY: null, CHANGED_BY: ctx.user.ID, CHANGED_DATE: now })
      raiseTaskEvent(ctx, 'UPDATE', row.ID)
      return { task: taskView(ctx, row, null) }
    },
  },
  'tasks.task.delete': {
    scope: 'task',
    cost: CALL_COST,
    handler: (ctx, params) => {
      const task = visibleTask(ctx, params, noDeleteAccess)
      if (!ctx.user.IS_ADMIN && task.CREATED_BY !== ctx.user.ID) throw noDeleteAccess()
      ctx.store.table(TASK_TABLE).delete(task.ID)
      raiseTaskEvent(ctx, 'DELETE', task.ID)
      return { task: true }
    },
  },
}
