import { DEFAULT_PLAYBOOK, parsePlaybook } from '@/domain/playbook'
import type { Playbook, PlaybookError } from '@/domain/playbook'

/** The app option holding the playbook as JSON text (set by the install, edited in settings). */
export const PLAYBOOK_OPTION = 'playbook'

export interface PlaybookInForce {
  playbook: Playbook
  /** `option`: the stored one; `default`: none is stored, or the stored one is broken. */
  source: 'option' | 'default'
  /** Why the stored one was not used (it was written around the settings editor). */
  errors: PlaybookError[]
}

/** The playbook the tab works by: the stored one when it is valid, else the shipped default. */
export function playbookFromOptions(options: Readonly<Record<string, unknown>>): PlaybookInForce {
  const stored = options[PLAYBOOK_OPTION]
  if (stored === undefined || stored === null || stored === '') return { playbook: DEFAULT_PLAYBOOK, source: 'default', errors: [] }
  const parsed = parsePlaybook(stored)
  if (parsed.ok) return { playbook: parsed.playbook, source: 'option', errors: [] }
  return { playbook: DEFAULT_PLAYBOOK, source: 'default', errors: parsed.errors }
}
