import { z } from 'zod/mini'
import type { DealPeople } from '@/domain/playbook'

/**
 * Who the playbook's fixed roles are (app option `playbookPeople`, JSON text): the product
 * manager told on «Экспресс-идентификация» (§5) and the roles a playbook names as
 * `role:<code>`, e.g. `executor` — «исполнитель работ» of §4. Set by an admin in settings.
 */
export const PEOPLE_OPTION = 'playbookPeople'

const PeopleSchema = z.object({
  productManagerId: z.optional(z.nullable(z.number().check(z.int(), z.positive()))),
  roles: z.optional(z.record(z.string(), z.number().check(z.int(), z.positive()))),
})

export type PlaybookPeople = z.infer<typeof PeopleSchema>

export function peopleFromOptions(options: Readonly<Record<string, unknown>>): PlaybookPeople {
  const raw = options[PEOPLE_OPTION]
  try {
    const parsed = PeopleSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw)
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

export function serializePeople(people: PlaybookPeople): string {
  return JSON.stringify(PeopleSchema.parse(people))
}

/** The engine's people: the head (from departments) and the roles from settings. */
export function withRoles(people: DealPeople, roles: PlaybookPeople): DealPeople {
  return { ...people, productManagerId: roles.productManagerId ?? null, roles: { ...(roles.roles ?? {}) } }
}

/** How a person the playbook needs is called when they could not be found. */
export const ROLE_NAMES: Record<string, { ru: string; en: string }> = {
  head: { ru: 'руководитель ответственного', en: "the responsible's head" },
  productManager: { ru: 'продакт-менеджер', en: 'the product manager' },
  'role:executor': { ru: 'исполнитель работ', en: 'the works executor' },
}
