import type { Playbook } from '../schema'
import { GOODS_PIPELINE } from './goods'
import { KOSINO_PIPELINE } from './kosino'
import { SERVICES_PIPELINE } from './services'

/** The playbook as shipped (LEMUS «Товары» and «Услуги», the Kosino sale): installed into app options, the fallback while none is saved. */
export const DEFAULT_PLAYBOOK: Playbook = {
  version: 1,
  pipelines: [GOODS_PIPELINE, SERVICES_PIPELINE, KOSINO_PIPELINE],
}

export { GOODS_PIPELINE, KOSINO_PIPELINE, SERVICES_PIPELINE }
