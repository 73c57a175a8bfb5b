import { DEFAULT_PLAYBOOK } from '@/domain/playbook/defaults'

/**
 * App options (`app.option.*`: admin writes, every user reads) the install flow sets
 * when they are missing; a value already set is never overwritten. Features add
 * their defaults here as one entry each, under a key of their own.
 *
 * Values are strings (structured ones as JSON text): the install writes them inside a
 * batch, whose commands travel as query strings, so a number would come back as text
 * anyway — better to say so in the type.
 */
export const DEFAULT_APP_OPTIONS: Readonly<Record<string, string>> = {
  /** Shape of the stored settings, for later migrations. */
  settingsVersion: '1',
  /** The LEMUS playbook (N2, N7): the «Следующий шаг» tab reads it, admins edit it in settings. */
  playbook: JSON.stringify(DEFAULT_PLAYBOOK),
}
