import type { UserDto } from '@/b24/deal-screen/dto'
import type { Choice } from '@/ui/choice-select'
import { personName } from '../view-model'

type Translate = (key: string, values?: Record<string, unknown>) => string

const ROLE_KEYS: Record<string, string> = {
  responsible: 'roleResponsible',
  head: 'roleHead',
  productManager: 'roleProductManager',
  'role:executor': 'roleExecutor',
  client: 'roleClient',
}

/** Who a playbook value (`responsible`, `role:executor`, `user:5`, `client`) names, as the admin reads it. */
export function assigneeLabel(value: string, users: readonly UserDto[], t: Translate): string {
  const key = ROLE_KEYS[value]
  if (key) return t(key)
  const user = /^user:(\d+)$/.exec(value)
  if (user) {
    const found = users.find((u) => String(u.ID) === user[1])
    return found ? personName(found) : t('userGone', { id: user[1] })
  }
  const role = /^role:(.+)$/.exec(value)
  return role ? t('roleOther', { code: role[1] }) : value
}

/** The people a step can name: the deal's roles first, then the portal's active employees. */
export function assigneeChoices(users: readonly UserDto[], t: Translate, withClient: boolean): Choice[] {
  const roles = ['responsible', 'head', 'productManager', 'role:executor', ...(withClient ? ['client'] : [])]
  return [...roles.map((value) => ({ value, label: assigneeLabel(value, users, t) })), ...users.map((user) => ({ value: `user:${user.ID}`, label: personName(user) }))]
}
