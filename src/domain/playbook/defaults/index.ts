import type { Playbook } from '../schema'
import { GOODS_PIPELINE } from './goods'
import { SERVICES_PIPELINE } from './services'

/** The LEMUS playbook as shipped: installed into app options, the fallback while none is saved. */
export const DEFAULT_PLAYBOOK: Playbook = {
  version: 1,
  pipelines: [GOODS_PIPELINE, SERVICES_PIPELINE],
}

export { GOODS_PIPELINE, SERVICES_PIPELINE }
