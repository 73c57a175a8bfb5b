import { randomBytes } from 'node:crypto'
import type { DepartmentRow, SandboxApp, UserRow } from '../core/types'
import type { Store } from '../store/types'

/** Fixed user IDs: the CRM demo data and the tests rely on them. */
export const PEOPLE = {
  admin: 1,
  headOfSales: 2,
  manager: 3,
  secondManager: 4,
  productManager: 5,
  approver: 6,
  accountant: 7,
} as const

/** Fixed department IDs. */
export const DEPARTMENTS = { company: 1, sales: 2, product: 3, legal: 4, accounting: 5 } as const

export const APP_CODE = 'local.sandbox.sales_widgets'
export const APP_SCOPES = ['crm', 'task', 'im', 'user', 'department', 'placement', 'disk', 'basic']

/** 50 letters and digits, like the client_secret of a local app (b24restdocs `settings/oauth/index.md`). */
export function newClientSecret(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(50)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

/** 32 hex characters, like an install's application_token. */
export function newApplicationToken(): string {
  return randomBytes(16).toString('hex')
}

/** The local app as registered in the portal; not installed until `installFinish`. */
export function createApp(handlerUrl: string, clientSecret = newClientSecret()): SandboxApp {
  return {
    code: APP_CODE,
    clientId: 'local.6a1f0c2b9d8e47.51020304',
    clientSecret,
    applicationToken: newApplicationToken(),
    handlerUrl,
    scope: [...APP_SCOPES],
    version: 1,
    installed: false,
  }
}

/** 16 lowercase letters and digits, like a portal's webhook code. */
export function newWebhookSecret(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
  return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('')
}

type Person = Omit<UserRow, 'ID' | 'WEBHOOK_SECRET' | 'ACTIVE' | 'SECOND_NAME' | 'PERSONAL_PHOTO' | 'TIME_ZONE'> & {
  SECOND_NAME: string
}

// In ID order: the insert order below gives users 1–7.
const people: Person[] = [
  { NAME: 'Андрей', SECOND_NAME: 'Викторович', LAST_NAME: 'Соколов', EMAIL: 'a.sokolov@example.ru', WORK_POSITION: 'Генеральный директор, администратор портала', PERSONAL_GENDER: 'M', UF_DEPARTMENT: [DEPARTMENTS.company], IS_ADMIN: true, CRM_ACCESS: 'X' },
  { NAME: 'Елена', SECOND_NAME: 'Сергеевна', LAST_NAME: 'Морозова', EMAIL: 'e.morozova@example.ru', WORK_POSITION: 'Руководитель отдела продаж', PERSONAL_GENDER: 'F', UF_DEPARTMENT: [DEPARTMENTS.sales], IS_ADMIN: false, CRM_ACCESS: 'D' },
  { NAME: 'Дмитрий', SECOND_NAME: 'Александрович', LAST_NAME: 'Кузнецов', EMAIL: 'd.kuznetsov@example.ru', WORK_POSITION: 'Менеджер по продажам', PERSONAL_GENDER: 'M', UF_DEPARTMENT: [DEPARTMENTS.sales], IS_ADMIN: false, CRM_ACCESS: 'A' },
  { NAME: 'Ольга', SECOND_NAME: 'Игоревна', LAST_NAME: 'Васильева', EMAIL: 'o.vasilyeva@example.ru', WORK_POSITION: 'Менеджер по продажам', PERSONAL_GENDER: 'F', UF_DEPARTMENT: [DEPARTMENTS.sales], IS_ADMIN: false, CRM_ACCESS: 'A' },
  // The product manager, approver and accountant work across all deals of the company.
  { NAME: 'Михаил', SECOND_NAME: 'Олегович', LAST_NAME: 'Лебедев', EMAIL: 'm.lebedev@example.ru', WORK_POSITION: 'Продакт-менеджер', PERSONAL_GENDER: 'M', UF_DEPARTMENT: [DEPARTMENTS.product], IS_ADMIN: false, CRM_ACCESS: 'X' },
  { NAME: 'Наталья', SECOND_NAME: 'Юрьевна', LAST_NAME: 'Белова', EMAIL: 'n.belova@example.ru', WORK_POSITION: 'Юрист (согласующий)', PERSONAL_GENDER: 'F', UF_DEPARTMENT: [DEPARTMENTS.legal], IS_ADMIN: false, CRM_ACCESS: 'X' },
  { NAME: 'Татьяна', SECOND_NAME: 'Николаевна', LAST_NAME: 'Орлова', EMAIL: 't.orlova@example.ru', WORK_POSITION: 'Главный бухгалтер', PERSONAL_GENDER: 'F', UF_DEPARTMENT: [DEPARTMENTS.accounting], IS_ADMIN: false, CRM_ACCESS: 'X' },
]

const departments: Array<Omit<DepartmentRow, 'ID'>> = [
  { NAME: 'ООО «Демо-Портал»', SORT: 100, PARENT: null, UF_HEAD: PEOPLE.admin },
  { NAME: 'Отдел продаж', SORT: 200, PARENT: DEPARTMENTS.company, UF_HEAD: PEOPLE.headOfSales },
  { NAME: 'Отдел продукта', SORT: 300, PARENT: DEPARTMENTS.company, UF_HEAD: PEOPLE.productManager },
  { NAME: 'Юридический отдел', SORT: 400, PARENT: DEPARTMENTS.company, UF_HEAD: PEOPLE.approver },
  { NAME: 'Бухгалтерия', SORT: 500, PARENT: DEPARTMENTS.company, UF_HEAD: PEOPLE.accountant },
]

/**
 * Users, departments and the (not yet installed) app. Expects empty `users` and `departments`
 * tables so the fixed IDs come out right; throws otherwise.
 */
export function seedPeople(store: Store, appHandlerUrl = 'http://localhost:4001/'): void {
  const users = store.table<UserRow>('users')
  const depts = store.table<DepartmentRow>('departments')
  if (users.size || depts.size) {
    throw new Error('seedPeople needs an empty store (users 1–7 have fixed IDs)')
  }
  for (const department of departments) depts.insert(department)
  for (const person of people) {
    users.insert({ ...person, ACTIVE: true, PERSONAL_PHOTO: '', TIME_ZONE: 'Europe/Moscow', WEBHOOK_SECRET: newWebhookSecret() })
  }
  store.setValue('app', createApp(appHandlerUrl))
}
