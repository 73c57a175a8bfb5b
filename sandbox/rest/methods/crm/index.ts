import type { MethodTable } from '../../../core/types'
import { activityMethods } from './activities'
import { dictionaryMethods } from './dictionary-methods'
import { diskMethods } from './disk'
import { itemMethods } from './item-methods'
import { legacyMethods } from './legacy-methods'
import { linkMethods } from './link-methods'
import { productRowMethods } from './product-row-methods'
import { stageHistoryMethods } from './stage-history'
import { taskMethods } from './tasks'
import { timelineMethods } from './timeline-methods'
import { userFieldMethods } from './userfield-methods'

/** crm.*, tasks.task.*, disk-style uploads */
export const crmMethods: MethodTable = {
  ...legacyMethods,
  ...itemMethods,
  ...userFieldMethods,
  ...dictionaryMethods,
  ...productRowMethods,
  ...linkMethods,
  ...timelineMethods,
  ...activityMethods,
  ...taskMethods,
  ...stageHistoryMethods,
  ...diskMethods,
}

export { ensureCrmDictionaries } from './dictionaries'
