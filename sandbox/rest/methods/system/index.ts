import type { MethodTable } from '../../../core/types'

/** server.time, profile, user.*, department.*, app.*, options, placement.*, im.notify.* */
export const systemMethods: MethodTable = {}
