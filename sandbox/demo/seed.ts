import type { Store } from '../store/types'
import { seedCrm } from './crm'
import { seedPeople } from './people'

/** Everything `npm start` shows: people and the app, then both stories' CRM data. */
export function seedDemo(store: Store, now: Date): void {
  seedPeople(store)
  seedCrm(store, now)
}
