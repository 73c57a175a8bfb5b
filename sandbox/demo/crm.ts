import type { Store } from '../store/types'

/**
 * Demo CRM data of both stories (LEMUS pipelines and deals, Kosino companies and leads).
 * Expects the people of `people.ts` (user IDs 1–7) to exist.
 */
export function seedCrm(_store: Store, _now: Date): void {}
