import type { Component } from 'vue'

/**
 * One block of the settings page. Adding a section is one file:
 * `sections/<name>.section.ts` exporting a SettingsSection as default.
 * The component gets `readonly: boolean` (true for non-admins).
 */
export interface SettingsSection {
  id: string
  /** Position on the page, ascending. */
  order: number
  title: { ru: string; en: string }
  component: () => Promise<{ default: Component }>
}

export function sortSections(sections: readonly SettingsSection[]): SettingsSection[] {
  return [...sections].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}
