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
  /**
   * Sandbox: `placement.bind` and `event.bind` accept handlers on localhost and private addresses
   * (`SANDBOX_ALLOW_LOCAL_HANDLERS`); the portal refuses them, and so does the sandbox when this is off.
   */
  allowLocalHandlers: boolean
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

/** A placement handler bound by the app (`placement.bind`), as `placement.get` returns it. */
export interface PlacementRow extends Row {
  placement: string
  handler: string
  title: string
  description: string
  groupName: string
  langAll: Record<string, { TITLE?: string; DESCRIPTION?: string; GROUP_NAME?: string }>
  options: Record<string, unknown> | []
  userId: number
}

/** The one local app registered in the sandbox portal (store value key `app`). */
export interface SandboxApp {
  /** APP_SID-independent app id; also `app.info` CODE. */
  code: string
  clientId: string
  /**
   * The local app's secret (client_secret): only the OAuth server (`/oauth/token/`) takes it, as
   * oauth.bitrix.info does (b24restdocs `settings/oauth/index.md`). Kept across `reset`.
   */
  clientSecret: string
  /**
   * This install's application_token (b24restdocs `settings/oauth/simple-way.md` APPLICATION_TOKEN,
   * `api-reference/events/safe-event-handlers.md`): stable until the app is installed again (`revoke`).
   */
  applicationToken: string
  /** Where the portal opens the app (POST), e.g. `http://localhost:4001/`. */
  handlerUrl: string
  scope: string[]
  version: number
  /** False until `installFinish`: the portal opens the app with INSTALL=true. */
  installed: boolean
}

export interface IssuedTokens {
  AUTH_ID: string
  REFRESH_ID: string
  /** Seconds until the access token expires. */
  AUTH_EXPIRES: number
}

/** What the portal pages (sandbox/portal) need from the server core. */
export interface PortalServices {
  store: Store
  /** `http://localhost:<port>`: the portal's origin. */
  origin: string
  app(): SandboxApp
  /** Issues an access/refresh token pair for the user in the app's context. */
  issueTokens(userId: number): IssuedTokens
  /** `refreshAuth`: new pair for a live refresh token, or null. */
  refreshTokens(refreshId: string): IssuedTokens | null
  /** Marks the app installed (`setInstallFinish`). */
  finishInstall(): void
  now(): Date
  /**
   * Runs a portal-side write (the web form's lead) as one task of the sandbox's serial queue, between
   * REST requests and never inside one. Absent: runs it at once.
   */
  exclusive?<T>(work: () => T | Promise<T>): Promise<T>
}
