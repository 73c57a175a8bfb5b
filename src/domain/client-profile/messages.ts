/**
 * Texts of the client-profile validation messages. Schemas report i18n keys
 * (`kosProfile.innChecksum`); the UI merges these trees into its vue-i18n messages.
 */
export const clientProfileMessages = {
  ru: {
    kosProfile: {
      required: 'Заполните поле',
      unknownValue: 'Выберите значение из списка',
      innRequired: 'Укажите ИНН',
      innDigits: 'ИНН состоит только из цифр',
      innLength: 'ИНН содержит 10 цифр (организация) или 12 цифр (ИП, физическое лицо)',
      innRegion: 'ИНН не может начинаться с 00',
      innChecksum: 'Неверный ИНН: не сходятся контрольные цифры',
      phoneInvalid: 'Телефон: от 10 до 15 цифр, допустимы +, пробелы, скобки и дефисы',
      emailInvalid: 'Неверный адрес эл. почты',
      turnoverRequired: 'Укажите товарооборот',
      turnoverNotNumber: 'Товарооборот — число, например 1 250,5',
      turnoverNotPositive: 'Товарооборот должен быть больше нуля',
      turnoverUnitRequired: 'Выберите единицу: тыс. тонн или рубль',
      turnoverYearRequired: 'Выберите год',
      turnoverYearNotInList: 'Выберите год из списка',
      contactsRequired: 'Добавьте хотя бы одно контактное лицо',
      contactNameRequired: 'Укажите фамилию или имя контактного лица',
      historyCommentRequired: 'Опишите событие',
      dateInvalid: 'Дата в формате ГГГГ-ММ-ДД',
      sourceRequired: 'Укажите источник',
      tooLong: 'Слишком длинно: не больше {max} символов (сейчас {length})',
      turnoverTooLarge: 'Товарооборот — не больше 1 000 000 000 000',
      turnoverDecimals: 'Не больше двух знаков после запятой',
      dateInFuture: 'Дата события не может быть позже сегодняшнего дня ({today})',
      dateTooOld: 'Дата события — не раньше {earliest}',
      fileExecutable: 'Файл «{name}»: программы и скрипты прикладывать нельзя',
      fileEmpty: 'Файл «{name}» пустой (0 байт): такой файл портал не примет',
      fileTooLarge: 'Файл «{name}» больше {maxMb} МБ',
      filesTooLarge: 'Файлы вместе больше {maxMb} МБ',
      tooManyFiles: 'Не больше {max} файлов за раз',
      fileNameTooLong: 'Имя файла длиннее {max} символов',
    },
  },
  en: {
    kosProfile: {
      required: 'Fill in this field',
      unknownValue: 'Choose a value from the list',
      innRequired: 'Enter the INN',
      innDigits: 'The INN has digits only',
      innLength: 'The INN has 10 digits (company) or 12 digits (sole proprietor, person)',
      innRegion: 'The INN cannot start with 00',
      innChecksum: 'Invalid INN: the check digits do not match',
      phoneInvalid: 'Phone: 10 to 15 digits; +, spaces, brackets and dashes allowed',
      emailInvalid: 'Invalid e-mail address',
      turnoverRequired: 'Enter the turnover',
      turnoverNotNumber: 'The turnover is a number, e.g. 1250.5',
      turnoverNotPositive: 'The turnover must be greater than zero',
      turnoverUnitRequired: 'Choose the unit: thousand tonnes or roubles',
      turnoverYearRequired: 'Choose the year',
      turnoverYearNotInList: 'Choose a year from the list',
      contactsRequired: 'Add at least one contact person',
      contactNameRequired: 'Enter the contact person’s last or first name',
      historyCommentRequired: 'Describe the event',
      dateInvalid: 'Date as YYYY-MM-DD',
      sourceRequired: 'Enter the source',
      tooLong: 'Too long: at most {max} characters (now {length})',
      turnoverTooLarge: 'The turnover is at most 1,000,000,000,000',
      turnoverDecimals: 'At most two digits after the decimal point',
      dateInFuture: 'The event date cannot be after today ({today})',
      dateTooOld: 'The event date cannot be before {earliest}',
      fileExecutable: 'File «{name}»: programs and scripts cannot be attached',
      fileEmpty: 'File «{name}» is empty (0 bytes): the portal would refuse it',
      fileTooLarge: 'File «{name}» is larger than {maxMb} MB',
      filesTooLarge: 'The files together are larger than {maxMb} MB',
      tooManyFiles: 'At most {max} files at once',
      fileNameTooLong: 'The file name is longer than {max} characters',
    },
  },
} as const

export type ClientProfileMessageKey = `kosProfile.${keyof (typeof clientProfileMessages)['ru']['kosProfile']}`

export function profileMessage(name: keyof (typeof clientProfileMessages)['ru']['kosProfile']): ClientProfileMessageKey {
  return `kosProfile.${name}`
}
