import { afterAll, beforeAll } from 'vitest'
import { defaultObjectsDirectory } from '../../../src/domain/sale'
import { startAppSession, type AppSession } from '../helpers/app-session'
import { FAULT_KINDS } from '../helpers/fault-matrix'
import { addRecipients } from '../helpers/portal-dialogs'
import { describeFaultMatrix, FAULT_NOISE, type MatrixWrite } from './write-cells'

/*
 * Settings × the six portal faults: the admin saves the recipients of new-lead notices (one app
 * option, app.option.set; the fault on app.option.set). Each cell ticks a manager for another
 * object type, so every cell's value is its own. Shapes: b24restdocs
 * api-reference/common/settings/app-option-set.md, app-option-get.md.
 */

const MANAGER = 3

let session: AppSession
const types = defaultObjectsDirectory().objectTypes.map((type) => type.code)

beforeAll(async () => {
  session = await startAppSession({ limits: false, ignoreErrors: FAULT_NOISE, fakeClock: true })
})

afterAll(async () => {
  await session?.close()
})

const recipients = async () =>
  (JSON.parse((await session.rest<string | null>('app.option.get', { option: 'leadRecipients' })) ?? 'null') as { byObjectType?: Record<string, number[]> } | null)?.byObjectType ?? {}

const WRITES: MatrixWrite[] = [
  {
    name: 'settings',
    method: 'app.option.set',
    testIds: { done: 'lead-recipients-saved', plans: 'settings-lead-recipients', error: [], button: 'lead-recipients-save' },
    async prepare(fault) {
      const type = types[FAULT_KINDS.indexOf(fault)]!
      const before = await recipients()
      const frame = await session.openAppPage()
      await addRecipients(session.page, frame, type, [MANAGER])
      return {
        frame,
        readBack: async () => {
          const now = await recipients()
          const mine = now[type] ?? []
          // Earlier cells' choices stay as they were.
          const others = Object.entries(before).every(([code, ids]) => JSON.stringify(now[code] ?? []) === JSON.stringify(ids))
          return { lost: mine.includes(MANAGER) ? 0 : 1, doubled: Math.max(0, mine.filter((id) => id === MANAGER).length - 1), consistent: others }
        },
      }
    },
  },
]

describeFaultMatrix('fault matrix: settings', () => session, WRITES)
