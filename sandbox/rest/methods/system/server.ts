import type { MethodTable } from '../../../core/types'
import { formatDateTime } from '../../time-format'
import { readApp } from './app-state'

/** Every scope the sandbox knows (b24restdocs `api-reference/scopes/permissions.md`). */
const ALL_SCOPES = ['basic', 'crm', 'task', 'im', 'user', 'department', 'placement', 'disk', 'catalog']

export const serverMethods: MethodTable = {
  // b24restdocs `api-reference/common/system/server-time.md`
  'server.time': { scope: 'basic', handler: ({ now }) => formatDateTime(now()) },
  // b24restdocs `api-reference/common/system/scope.md`
  scope: {
    scope: 'basic',
    handler: ({ store, auth }, params) => {
      const full = ['1', 'true', 'Y'].includes(String(params.full ?? ''))
      if (full || auth.type === 'webhook') return [...ALL_SCOPES]
      return [...readApp(store).scope]
    },
  },
}
