/** Texts of the lead tab's validation messages (keys `kosLead.*`). */
export const leadMessages = {
  ru: {
    kosLead: {
      firstResultRequired: 'Заполните «Результат первичной обработки»',
      outcomeRequired: 'Заполните «Итог»',
      dateRequired: 'Укажите дату обработки',
      dateInvalid: 'Дата в формате ГГГГ-ММ-ДД',
      dateInFuture: 'Дата обработки не может быть позже сегодняшнего дня',
      dateTooOld: 'Дата обработки — не раньше чем за год до сегодняшнего дня',
      textTooLong: 'Не длиннее 4 000 символов: сократите текст',
      resultRequired: 'Выберите результат: «Не активен» или «Преобразовать в клиента»',
      recipientsInvalid: 'Получатели — список ID сотрудников',
    },
  },
  en: {
    kosLead: {
      firstResultRequired: 'Fill in «Result of first processing»',
      outcomeRequired: 'Fill in «Outcome»',
      dateRequired: 'Enter the processing date',
      dateInvalid: 'Date as YYYY-MM-DD',
      dateInFuture: 'The processing date cannot be later than today',
      dateTooOld: 'The processing date cannot be more than a year ago',
      textTooLong: 'At most 4,000 characters: please shorten the text',
      resultRequired: 'Choose the result: «Inactive» or «Convert to a client»',
      recipientsInvalid: 'Recipients are a list of employee IDs',
    },
  },
} as const

export type LeadMessageName = keyof (typeof leadMessages)['ru']['kosLead']

export function leadMessage(name: LeadMessageName): `kosLead.${LeadMessageName}` {
  return `kosLead.${name}`
}
