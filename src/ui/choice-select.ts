/** One entry of a kit select: the stored value and what the person reads. */
export interface Choice {
  value: string
  label: string
  /** Shown but not choosable (e.g. a place sold on another deal). */
  disabled?: boolean
}

/**
 * The stand-in for '' («nothing chosen»): the kit's select (reka-ui) refuses an item whose
 * value is the empty string, so the «nothing» entry carries this one instead.
 */
export const NO_CHOICE = '__none__'

/** The select's items: «nothing» first when the form offers it, then the choices. */
export function selectItems(choices: readonly Choice[], empty?: string): Choice[] {
  return empty === undefined ? [...choices] : [{ value: NO_CHOICE, label: empty }, ...choices]
}

/** The form's value as the select holds it ('' → the «nothing» entry, if there is one). */
export function toSelectValue(value: string, hasEmpty: boolean): string | undefined {
  if (value !== '') return value
  return hasEmpty ? NO_CHOICE : undefined
}

/** The select's value back as the form keeps it (the «nothing» entry → ''). */
export function fromSelectValue(value: unknown): string {
  return value === NO_CHOICE || value == null ? '' : String(value)
}
