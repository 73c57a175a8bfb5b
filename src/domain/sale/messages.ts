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
      priceInvalid: 'Стоимость — число, например 150 000,50',
      priceNegative: 'Стоимость не может быть отрицательной',
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
      priceInvalid: 'The price is a number, e.g. 150000.50',
      priceNegative: 'The price cannot be negative',
      placeTwice: 'This place is already in the deal',
      placeTaken: 'The place is already sold in another active deal',
    },
  },
} as const

export type SaleMessageName = keyof (typeof saleMessages)['ru']['kosSale']

export function saleMessage(name: SaleMessageName): `kosSale.${SaleMessageName}` {
  return `kosSale.${name}`
}
