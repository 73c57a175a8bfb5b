import type { LocalizedText } from '../fields/types'

/** «Категория товара» (P2), 8 values in the seed's order. */
export interface ProductCategory {
  code: string
  label: LocalizedText
}

export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  { code: 'NONE', label: { ru: 'Без категории', en: 'No category' } },
  { code: 'GROCERY', label: { ru: 'Бакалея', en: 'Grocery' } },
  { code: 'DAIRY', label: { ru: 'Молочные продукты', en: 'Dairy products' } },
  { code: 'MEAT', label: { ru: 'Мясо и мясные продукты', en: 'Meat and meat products' } },
  { code: 'DRINKS', label: { ru: 'Напитки', en: 'Drinks' } },
  { code: 'FOOD', label: { ru: 'Продукты питания', en: 'Food products' } },
  { code: 'FISH', label: { ru: 'Рыба и морепродукты', en: 'Fish and seafood' } },
  { code: 'FRUIT_VEG', label: { ru: 'Фрукты и овощи', en: 'Fruit and vegetables' } },
]

export function findProductCategory(code: string | null | undefined): ProductCategory | undefined {
  return PRODUCT_CATEGORIES.find((category) => category.code === code)
}
