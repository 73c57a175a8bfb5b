/** Texts of the sale tab's validation messages (keys `kosSale.*`). */
export const saleMessages = {
  ru: {
    kosSale: {
      kindRequired: 'Выберите вид продажи: LOI или договор',
      itemsRequired: 'Добавьте хотя бы одну позицию',
      required: 'Заполните поле',
      unknownValue: 'Выберите значение из списка',
      termRequired: 'Укажите срок в годах',
      termWhole: 'Срок — целое число лет',
      termMin: 'Срок — не меньше 1 года',
      priceRequired: 'Укажите стоимость',
      priceInvalid: 'Стоимость — число цифрами, например 150 000,50',
      priceNegative: 'Стоимость не может быть отрицательной',
      priceZero: 'Стоимость должна быть больше нуля',
      priceKopecks: 'Не больше двух знаков после запятой (копейки)',
      priceTooHigh: 'Стоимость — не больше 1 000 000 000 000 ₽',
      totalTooHigh: 'Сумма продажи — не больше 1 000 000 000 000 ₽',
      termMax: 'Срок — не больше 99 лет',
      volumeTooLong: 'Не длиннее 1 000 символов',
      itemsTooLarge: 'Позиции не помещаются в поле сделки (64 КБ): сократите описания или число позиций',
      placeTwice: 'Это место уже есть в сделке',
      placeTaken: 'Место уже продано в другой активной сделке',
    },
  },
  en: {
    kosSale: {
      kindRequired: 'Choose the sale kind: LOI or contract',
      itemsRequired: 'Add at least one item',
      required: 'Fill in this field',
      unknownValue: 'Choose a value from the list',
      termRequired: 'Enter the term in years',
      termWhole: 'The term is a whole number of years',
      termMin: 'The term is at least 1 year',
      priceRequired: 'Enter the price',
      priceInvalid: 'The price is a plain number, e.g. 150000.50',
      priceNegative: 'The price cannot be negative',
      priceZero: 'The price must be more than zero',
      priceKopecks: 'At most two digits after the decimal point',
      priceTooHigh: 'The price is at most 1,000,000,000,000',
      totalTooHigh: 'The sale total is at most 1,000,000,000,000',
      termMax: 'The term is at most 99 years',
      volumeTooLong: 'At most 1,000 characters',
      itemsTooLarge: 'The items do not fit the deal field (64 KB): shorten the descriptions or the number of items',
      placeTwice: 'This place is already in the deal',
      placeTaken: 'The place is already sold in another active deal',
    },
  },
} as const

export type SaleMessageName = keyof (typeof saleMessages)['ru']['kosSale']

export function saleMessage(name: SaleMessageName): `kosSale.${SaleMessageName}` {
  return `kosSale.${name}`
}
