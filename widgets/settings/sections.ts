import { sortSections } from './section'
import type { SettingsSection } from './section'

const modules = import.meta.glob<{ default: SettingsSection }>('./sections/*.section.ts', { eager: true })

/** Every section file under sections/, in page order. */
export const settingsSections: SettingsSection[] = sortSections(Object.values(modules).map((module) => module.default))
