import {
  CONDITIONAL_BLOCKS,
  contactFullName,
  findCompanyProfile,
  findProductCategory,
  findSector,
  TURNOVER_UNITS,
  type ContactPerson,
  type TurnoverValue,
} from '@/domain/client-profile'

type Lang = 'ru' | 'en'

const LABELS: Record<string, { ru: string; en: string }> = {
  sector: { ru: 'Сектор', en: 'Sector' },
  profile: { ru: 'Профиль компании', en: 'Company profile' },
  category: { ru: 'Категория товара', en: 'Product category' },
  turnover: { ru: 'Товарооборот', en: 'Turnover' },
  inn: { ru: 'ИНН', en: 'INN' },
  companyInfo: { ru: 'Информация о компании', en: 'About the company' },
  address: { ru: 'Адрес', en: 'Address' },
  contacts: { ru: 'ФИО', en: 'Full name' },
  position: { ru: 'Должность', en: 'Position' },
  phone: { ru: 'Телефон', en: 'Phone' },
  email: { ru: 'Почта', en: 'E-mail' },
  remarksShown: { ru: 'Показывать замечания', en: 'Show remarks' },
  remarks: { ru: 'Замечания', en: 'Remarks' },
  source: { ru: 'Источник контакта', en: 'Contact source' },
}

/** The label of a draft key in the merge table («shown.inn» → «ИНН: показан»). */
export function fieldLabel(field: string, lang: Lang): string {
  if (field.startsWith('shown.')) {
    const block = CONDITIONAL_BLOCKS.find((entry) => `shown.${entry.key}` === field)
    return `${block?.label[lang] ?? field}: ${lang === 'en' ? 'shown' : 'показан'}`
  }
  return LABELS[field]?.[lang] ?? field
}

/** A draft value as one line of text for the merge table. */
export function describeValue(field: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : 'да') : lang === 'en' ? 'no' : 'нет'
  switch (field) {
    case 'sector':
      return findSector(String(value))?.label[lang] ?? String(value)
    case 'profile':
      return findCompanyProfile(String(value))?.label[lang] ?? String(value)
    case 'category':
      return findProductCategory(String(value))?.label[lang] ?? String(value)
    case 'turnover': {
      const turnover = value as TurnoverValue
      const unit = TURNOVER_UNITS.find((entry) => entry.code === turnover.unit)?.label[lang] ?? ''
      return [turnover.value, unit, turnover.year ?? ''].filter((part) => String(part).trim() !== '').join(' ')
    }
    case 'contacts':
      return (value as ContactPerson[]).map(contactFullName).filter(Boolean).join('; ')
    default:
      return String(value)
  }
}
