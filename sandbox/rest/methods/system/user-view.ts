import type { UserRow } from '../../../core/types'

// Sandbox users have no login history: fixed dates keep the replies stable.
const DATE_REGISTER = '2024-01-15T09:00:00+03:00'

/**
 * A user as `user.get`/`user.current` return it (b24restdocs `api-reference/user/user-get.md`):
 * ID as a string, ACTIVE boolean, UF_DEPARTMENT numbers. Sandbox-only fields stay hidden.
 */
export function userView(user: UserRow): Record<string, unknown> {
  const view: Record<string, unknown> = {
    ID: String(user.ID),
    ACTIVE: user.ACTIVE,
    NAME: user.NAME,
    LAST_NAME: user.LAST_NAME,
    SECOND_NAME: user.SECOND_NAME,
    EMAIL: user.EMAIL,
    LAST_LOGIN: DATE_REGISTER,
    DATE_REGISTER,
    TIME_ZONE: user.TIME_ZONE,
    IS_ONLINE: 'N',
    PERSONAL_GENDER: user.PERSONAL_GENDER,
    PERSONAL_BIRTHDAY: '',
    WORK_POSITION: user.WORK_POSITION,
    UF_EMPLOYMENT_DATE: '',
    UF_DEPARTMENT: [...user.UF_DEPARTMENT],
    USER_TYPE: 'employee',
  }
  if (user.PERSONAL_PHOTO) view.PERSONAL_PHOTO = user.PERSONAL_PHOTO
  return view
}

/** The value a filter or sort on `field` sees. */
export function userField(user: UserRow, field: string): unknown {
  switch (field) {
    case 'ID':
      return user.ID
    case 'USER_TYPE':
      return 'employee'
    case 'IS_ONLINE':
      return 'N'
    default:
      return user[field]
  }
}

export function fullName(user: Pick<UserRow, 'NAME' | 'LAST_NAME'>): string {
  return [user.NAME, user.LAST_NAME].filter(Boolean).join(' ')
}
