import { describe, expect, it } from 'vitest'
import { formatMoney, multiplyMinor, parseMoney, sumMinor, toDecimalString, toRestAmount } from '@/domain/money'

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('parseMoney', () => {
  it.each([
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1234.5', 123450],
    ['1,234.56', 123456],
    ['1.234,56', 123456],
    ['0', 0],
    [',5', 50],
    ['5,', 500],
    ['00012.3', 1230],
    ['  42  ', 4200],
    ['1e3', 100000],
    ['-7,10', -710],
  ])('reads %j as %i kopecks', (input, expected) => {
    expect(parseMoney(input)).toBe(expected)
  })

  it('rounds the third decimal half away from zero, from the decimal text (no float drift)', () => {
    expect(parseMoney('1,005')).toBe(101)
    expect(parseMoney(1.005)).toBe(101) // Math.round(1.005 * 100) would give 100
    expect(parseMoney('-1,005')).toBe(-101)
    expect(parseMoney('0,004')).toBe(0)
    expect(parseMoney('0,0049999')).toBe(0)
    expect(parseMoney('0,005')).toBe(1)
    expect(parseMoney('2.675')).toBe(268)
    expect(parseMoney(1.5e-2)).toBe(2)
    expect(parseMoney('-0,001')).toBe(0)
  })

  it('reads REST amounts given as strings or numbers', () => {
    expect(parseMoney('1000000.00')).toBe(100000000)
    expect(parseMoney(0.1 + 0.2)).toBe(30)
    expect(parseMoney(19.99)).toBe(1999)
  })

  it.each(['', '   ', 'abc', '1.2.3', '1,2,3', '12a', '--1', null, undefined, Number.NaN, Number.POSITIVE_INFINITY, 1e21])(
    'refuses %j',
    (input) => {
      expect(parseMoney(input as string)).toBeNull()
    },
  )

  it('refuses amounts beyond a safe integer of kopecks', () => {
    expect(parseMoney('90071992547409.91')).toBe(9007199254740991)
    expect(parseMoney('90071992547409.92')).toBeNull()
    expect(parseMoney('123456789012345678')).toBeNull()
  })
})

describe('decimal text and formatting', () => {
  it('writes two decimals exactly', () => {
    expect(toDecimalString(123456)).toBe('1234.56')
    expect(toDecimalString(5)).toBe('0.05')
    expect(toDecimalString(-5)).toBe('-0.05')
    expect(toDecimalString(0)).toBe('0.00')
    expect(toRestAmount(123450)).toBe(1234.5)
  })

  it('formats for people in both locales', () => {
    expect(plain(formatMoney(123456))).toBe('1 234,56 ₽')
    expect(plain(formatMoney(1234567890123456))).toBe('12 345 678 901 234,56 ₽')
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56')
    expect(plain(formatMoney(-5, 'RUB', 'en'))).toBe('-₽0.05')
  })

  it('round-trips every kopeck value through text', () => {
    for (let minor = -2000; minor <= 2000; minor += 7) expect(parseMoney(toDecimalString(minor))).toBe(minor)
  })
})

describe('arithmetic', () => {
  it('sums many odd prices exactly, where floats drift', () => {
    const prices = Array.from({ length: 1000 }, () => parseMoney('0,10') ?? 0)
    expect(sumMinor(prices)).toBe(10000)
    expect(Array.from({ length: 1000 }, () => 0.1).reduce((a, b) => a + b, 0)).not.toBe(100)
  })

  it('multiplies by whole quantities and refuses fractions and overflow', () => {
    expect(multiplyMinor(333, 3)).toBe(999)
    expect(() => multiplyMinor(100, 1.5)).toThrow(RangeError)
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError)
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError)
    expect(() => sumMinor([0.5])).toThrow(RangeError)
  })
})
