/**
 * The `getInitData` reply (reference §2.4): everything the SDK learns about its frame.
 * Pure: the caller supplies the frame's session and the current option values.
 */
export interface InitDataInput {
  /** `http://localhost:4000` */
  portalOrigin: string
  lang: string
  tokens: { AUTH_ID: string; AUTH_EXPIRES: number; REFRESH_ID: string }
  memberId: string
  isAdmin: boolean
  appOptions: Record<string, unknown> | undefined
  userOptions: Record<string, unknown> | undefined
  placement: string
  placementOptions: Record<string, unknown>
  /** The app is not installed yet: opened in install mode. */
  installMode: boolean
}

export interface InitData {
  DOMAIN: string
  PROTOCOL: number
  PATH: string
  LANG: string
  AUTH_ID: string
  AUTH_EXPIRES: string
  REFRESH_ID: string
  MEMBER_ID: string
  IS_ADMIN: boolean
  APP_OPTIONS: Record<string, unknown>
  USER_OPTIONS: Record<string, unknown>
  PLACEMENT: string
  PLACEMENT_OPTIONS: Record<string, unknown> | ''
  INSTALL: boolean
  FIRST_RUN: boolean
}

export function buildInitData(input: InitDataInput): InitData {
  const portal = new URL(input.portalOrigin)
  const hasOptions = Object.keys(input.placementOptions).length > 0
  return {
    DOMAIN: portal.host,
    // A number: the SDK re-derives http/https from it, overriding window.name.
    PROTOCOL: portal.protocol === 'https:' ? 1 : 0,
    PATH: '/rest/',
    LANG: input.lang,
    AUTH_ID: input.tokens.AUTH_ID,
    // The portal sends seconds as a string.
    AUTH_EXPIRES: String(input.tokens.AUTH_EXPIRES),
    REFRESH_ID: input.tokens.REFRESH_ID,
    MEMBER_ID: input.memberId,
    IS_ADMIN: input.isAdmin,
    // Objects, never absent: the SDK's userSet throws when USER_OPTIONS is missing.
    APP_OPTIONS: { ...(input.appOptions ?? {}) },
    USER_OPTIONS: { ...(input.userOptions ?? {}) },
    PLACEMENT: input.placement,
    // An object (values as strings, e.g. {ID:"42"}); '' when the frame has none, as the portal sends.
    PLACEMENT_OPTIONS: hasOptions ? stringifyValues(input.placementOptions) : '',
    INSTALL: input.installMode,
    FIRST_RUN: input.installMode,
  }
}

function stringifyValues(options: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) {
    out[key] = typeof value === 'number' ? String(value) : value
  }
  return out
}
