import type { MethodTable } from '../../core/types'
import { crmMethods } from './crm'
import { systemMethods } from './system'

/** Every REST method the sandbox answers; anything else is ERROR_METHOD_NOT_FOUND (404). */
export const allMethods: MethodTable = { ...systemMethods, ...crmMethods }
