import { RestError } from '../../../core/errors'
import type { DepartmentRow, MethodTable, Params, UserRow } from '../../../core/types'
import type { Row } from '../../../store/types'
import { formatDateTime } from '../../time-format'
import { fullName } from './user-view'

/** A notification in table `notifications`; the portal page lists them per recipient. */
export interface NotificationRow extends Row {
  /** Recipient. */
  USER_ID: number
  /** Sender, set by the server: the caller for personal notifications, 0 for system ones. */
  AUTHOR_ID: number
  TYPE: 'personal' | 'system'
  MESSAGE: string
  MESSAGE_OUT: string
  TAG: string
  SUB_TAG: string
  ATTACH: unknown
  /** `oauth` app id, or `hook:<userId>` for a webhook. */
  SOURCE: string
  DATE_CREATE: string
  READ: boolean
}

export const NOTIFICATIONS_TABLE = 'notifications'
const ATTACH_MAX_BYTES = 30 * 1024

function notify(type: NotificationRow['TYPE']) {
  // b24restdocs `api-reference/chats/notifications/im-notify-{personal,system}-add.md`
  return ({ store, user, auth, now }: Parameters<MethodTable[string]['handler']>[0], params: Params) => {
    const recipient = Number(params.USER_ID ?? params.user_id ?? 0)
    if (!Number.isFinite(recipient) || recipient <= 0) throw new RestError(400, 'USER_ID_EMPTY', "User ID can't be empty")
    const message = String(params.MESSAGE ?? params.message ?? '').trim()
    if (!message) throw new RestError(400, 'MESSAGE_EMPTY', "Message can't be empty")
    const attach = params.ATTACH ?? null
    // «The maximum allowable size of the ATTACH is exceeded — 30 KB» (im-notify-system-add.md).
    if (attach !== null && Buffer.byteLength(typeof attach === 'string' ? attach : JSON.stringify(attach)) > ATTACH_MAX_BYTES) {
      throw new RestError(400, 'ATTACH_OVERSIZE', 'You have exceeded the maximum allowable size of attach')
    }
    if (!store.table<UserRow>('users').get(recipient)) return false
    const source = auth.type === 'oauth' ? auth.appId : `hook:${auth.userId}`
    const table = store.table<NotificationRow>(NOTIFICATIONS_TABLE)
    const tag = String(params.TAG ?? '')
    // A new notification with the same tag replaces the older ones.
    if (tag) for (const row of [...table.rows()]) if (row.TAG === tag && row.SOURCE === source && row.USER_ID === recipient) table.delete(row.ID)
    return table.insert({
      USER_ID: recipient,
      AUTHOR_ID: type === 'personal' ? user.ID : 0,
      TYPE: type,
      MESSAGE: message,
      MESSAGE_OUT: String(params.MESSAGE_OUT ?? ''),
      TAG: tag,
      SUB_TAG: String(params.SUB_TAG ?? ''),
      ATTACH: attach,
      SOURCE: source,
      DATE_CREATE: formatDateTime(now()),
      READ: false,
    }).ID
  }
}

/** IM_NOTIFY_FROM (2) for a personal notification, IM_NOTIFY_SYSTEM (4) for a system one. */
const NOTIFY_TYPE = { personal: 2, system: 4 } as const
const NOTIFY_PAGE = 50

/**
 * b24restdocs `api-reference/chats/notifications/im-notify-get.md`: the caller's own notifications,
 * newest first, a page at a time (LAST_ID and LAST_TYPE together; the sandbox has no
 * confirmations, so every row is of the «regular notifications» stage, LAST_TYPE 3).
 */
function listOwnNotifications({ store, user }: Parameters<MethodTable[string]['handler']>[0], params: Params) {
  const lastId = params.LAST_ID
  const hasLastId = lastId !== undefined && lastId !== null && lastId !== ''
  const hasLastType = params.LAST_TYPE !== undefined && params.LAST_TYPE !== null && params.LAST_TYPE !== ''
  if (hasLastId !== hasLastType) throw new RestError(400, 'LAST_ID_AND_LAST_TYPE', 'Parameters LAST_ID and LAST_TYPE should be used together.')
  if (hasLastId && !/^\d+$/.test(String(lastId))) throw new RestError(400, 'LAST_ID_STRING', "Last notification ID can't be string")
  const limit = Math.min(NOTIFY_PAGE, Math.max(1, Number(params.LIMIT ?? NOTIFY_PAGE) || NOTIFY_PAGE))
  const own = [...store.table<NotificationRow>(NOTIFICATIONS_TABLE).rows()]
    .filter((row) => row.USER_ID === user.ID)
    .sort((a, b) => b.DATE_CREATE.localeCompare(a.DATE_CREATE) || b.ID - a.ID)
  const page = own.filter((row) => !hasLastId || row.ID < Number(lastId)).slice(0, limit)
  const users = store.table<UserRow>('users')
  const authors = [...new Set(page.map((row) => row.AUTHOR_ID).filter((id) => id > 0))].flatMap((id) => {
    const author = users.get(id)
    return author ? [managerView(author)] : []
  })
  return {
    total_count: own.length,
    total_unread_count: own.filter((row) => !row.READ).length,
    notifications: page.map((row) => ({
      id: row.ID,
      chat_id: 0,
      author_id: row.AUTHOR_ID,
      date: row.DATE_CREATE,
      notify_type: NOTIFY_TYPE[row.TYPE],
      notify_module: 'rest',
      notify_event: 'rest_notify',
      notify_tag: row.TAG,
      notify_sub_tag: row.SUB_TAG,
      notify_title: '',
      setting_name: 'rest|rest_notify',
      text: row.MESSAGE,
      notify_read: row.READ ? 'Y' : 'N',
      params: null,
    })),
    users: authors,
  }
}

function departmentIds(raw: unknown): number[] {
  let value = raw
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      value = JSON.parse(value)
    } catch {
      value = []
    }
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : value === undefined || value === '' ? [] : [value]
  return list.map(Number).filter((id) => Number.isInteger(id) && id > 0)
}

/** `im.department.managers.get` user object (USER_DATA=Y), trimmed to what the sandbox knows. */
function managerView(user: UserRow) {
  return {
    id: user.ID,
    active: user.ACTIVE,
    name: fullName(user),
    first_name: user.NAME,
    last_name: user.LAST_NAME,
    work_position: user.WORK_POSITION,
    color: '#728f7a',
    avatar: user.PERSONAL_PHOTO,
    avatar_hr: user.PERSONAL_PHOTO,
    gender: user.PERSONAL_GENDER,
    birthday: '',
    extranet: false,
    network: false,
    bot: false,
    connector: false,
    external_auth_id: 'default',
    status: 'online',
    idle: false,
    last_activity_date: false,
    mobile_last_date: false,
    desktop_last_date: false,
    absent: false,
    departments: [...user.UF_DEPARTMENT],
    phones: false,
    bot_data: null,
    type: 'user',
    website: '',
    email: user.EMAIL,
  }
}

export const imMethods: MethodTable = {
  'im.notify.personal.add': { scope: 'im', handler: notify('personal') },
  'im.notify.system.add': { scope: 'im', handler: notify('system') },
  'im.notify.get': { scope: 'im', handler: listOwnNotifications },
  // b24restdocs `api-reference/chats/departments/im-department-managers-get.md`
  'im.department.managers.get': {
    scope: 'im',
    handler: ({ store }, params) => {
      const ids = departmentIds(params.ID ?? params.id)
      if (!ids.length) throw new RestError(400, 'ID_EMPTY', "Department ID can't be empty")
      const withData = String(params.USER_DATA ?? 'N').toUpperCase() === 'Y'
      const departments = store.table<DepartmentRow>('departments')
      const users = store.table<UserRow>('users')
      const result: Record<string, unknown[]> = {}
      for (const id of ids) {
        const head = departments.get(id)?.UF_HEAD
        const user = head ? users.get(head) : undefined
        result[String(id)] = user ? [withData ? managerView(user) : user.ID] : []
      }
      return result
    },
  },
}
