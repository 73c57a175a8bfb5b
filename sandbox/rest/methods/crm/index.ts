import type { MethodTable } from '../../../core/types'

/** crm.*, tasks.task.*, disk-style uploads */
export const crmMethods: MethodTable = {}
