/**
 * App options (`app.option.*`: admin writes, every user reads) the install flow sets
 * when they are missing; a value already set is never overwritten. Features add
 * their defaults here as one entry each, under a key of their own.
 */
export const DEFAULT_APP_OPTIONS: Readonly<Record<string, unknown>> = {
  /** Shape of the stored settings, for later migrations. */
  settingsVersion: 1,
}
