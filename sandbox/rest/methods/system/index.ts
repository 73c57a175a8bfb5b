import type { MethodTable } from '../../../core/types'
import { appMethods } from './app'
import { departmentMethods } from './departments'
import { eventMethods } from './events'
import { imMethods } from './im'
import { placementMethods } from './placements'
import { serverMethods } from './server'
import { userMethods } from './users'

/** server.time, profile, user.*, department.*, app.*, options, placement.*, im.notify.*, event.* (offline queue) */
export const systemMethods: MethodTable = {
  ...serverMethods,
  ...userMethods,
  ...departmentMethods,
  ...appMethods,
  ...placementMethods,
  ...imMethods,
  ...eventMethods,
}
