import type { Row, Store } from '../store/types'

/**
 * A portal user as the sandbox keeps it. Field names follow `user.get` (b24restdocs
 * `api-reference/user/user-get.md`); the sandbox-only fields are marked.
 */
export interface UserRow extends Row {
  ACTIVE: boolean
  NAME: string
  LAST_NAME: string
  SECOND_NAME: string
  EMAIL: string
  WORK_POSITION: string
  PERSONAL_GENDER: 'M' | 'F' | ''
  PERSONAL_PHOTO: string
  TIME_ZONE: string
  UF_DEPARTMENT: number[]
  /** Sandbox: portal administrator (may bind placements, create user fields, set app options). */
  IS_ADMIN: boolean
  /**
   * Sandbox: CRM access level, as a CRM role grants it in Bitrix24.
   * `X` every record; `D` records of the user's departments (and below); `A` own records
   * (ASSIGNED_BY_ID = user) plus, for reading, records marked OPENED = 'Y'.
   */
  CRM_ACCESS: 'X' | 'D' | 'A'
  /** Sandbox: secret of the user's inbound webhook (`/rest/<ID>/<secret>/<method>`). */
  WEBHOOK_SECRET: string
}

/** `department.get` shape (b24restdocs `api-reference/departments/department-get.md`). */
export interface DepartmentRow extends Row {
  NAME: string
  SORT: number
  PARENT: number | null
  UF_HEAD: number | null
}

export type AuthKind =
  | { type: 'oauth'; appId: string; accessToken: string }
  | { type: 'webhook'; userId: number }

/** Everything a REST method handler may use. */
export interface CallContext {
  store: Store
  /** The caller: the user whose token or webhook made the request. */
  user: UserRow
  auth: AuthKind
  /** The sandbox clock (tests may shift it). */
  now(): Date
  /** Portal origin, e.g. `http://localhost:4000`. */
  origin: string
  /** Calls another method as the same caller (used by `batch`). */
  call(method: string, params: Record<string, unknown>): Promise<unknown>
}

export type Params = Record<string, unknown>

export type MethodHandler = (ctx: CallContext, params: Params) => unknown | Promise<unknown>

export interface MethodSpec {
  /** The scope that opens the method (b24restdocs `api-reference/scopes/permissions.md`). */
  scope: 'basic' | 'crm' | 'task' | 'im' | 'user' | 'department' | 'placement' | 'disk' | 'catalog'
  handler: MethodHandler
  /** `ACCESS_DENIED` for non-admins before the handler runs. */
  adminOnly?: boolean
  /** `WRONG_AUTH_TYPE` (403) for webhooks: placement.*, app.info and the like. */
  appContextOnly?: boolean
  /** Seconds of operating time one call costs (for the OPERATION_TIME_LIMIT emulation). */
  cost?: number
}

export type MethodTable = Record<string, MethodSpec>

/**
 * A page of a list method. The router writes `result` as the reply's `result` and adds
 * `total` and (when more rows remain) `next` at the top level of the envelope.
 */
export class ListPage {
  constructor(
    readonly result: unknown,
    readonly total: number,
    readonly next?: number,
  ) {}
}
