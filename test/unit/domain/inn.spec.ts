// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { checkInn, completeInn, isValidInn } from '@/domain/inn'

/*
 * Control digit = (Σ weightᵢ·digitᵢ mod 11) mod 10.
 * 10 digits, weights 2 4 10 3 5 9 4 6 8:
 *   7707083893: 7·2+7·4+0·10+7·3+0·5+8·9+3·4+8·6+9·8 = 267; 267 mod 11 = 3 → last digit 3.
 *   1000000010: 1·2+1·8 = 10; 10 mod 11 = 10; 10 mod 10 = 0 → last digit 0.
 * 12 digits, weights 7 2 4 10 3 5 9 4 6 8 then 3 7 2 4 10 3 5 9 4 6 8:
 *   500100732259: first ten give 148; 148 mod 11 = 5 → 11th digit 5;
 *                 eleven give 141; 141 mod 11 = 9 → 12th digit 9.
 */
describe('checkInn', () => {
  it.each(['7707083893', '1000000010', '77 0708 3893'])('accepts the company INN %s', (inn) => {
    expect(checkInn(inn)).toEqual({ ok: true, kind: 'company', value: inn.replace(/\s/g, '') })
  })

  it('accepts the individual INN 500100732259', () => {
    expect(checkInn('500100732259')).toEqual({ ok: true, kind: 'individual', value: '500100732259' })
  })

  it.each([
    ['7707083894', 'checksum'],
    ['1000000011', 'checksum'],
    ['500100732258', 'checksum'], // 12th digit wrong
    ['500100732269', 'checksum'], // 11th digit wrong
    ['500100732250', 'checksum'],
    ['770708389', 'length'],
    ['77070838931', 'length'],
    ['5001007322590', 'length'],
    ['77O7083893', 'not-digits'],
    ['-707083893', 'not-digits'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['0000000000', 'region'],
  ])('refuses %j (%s)', (inn, reason) => {
    expect(checkInn(inn)).toEqual({ ok: false, reason })
  })

  it('completes prefixes with the digits the rule gives', () => {
    expect(completeInn('770708389')).toBe('7707083893')
    expect(completeInn('100000001')).toBe('1000000010')
    expect(completeInn('5001007322')).toBe('500100732259')
    expect(() => completeInn('12345')).toThrow()
    expect(() => completeInn('12345678x')).toThrow()
  })

  it('catches every single-digit typo in 7707083893', () => {
    // A typo at weight w changes the sum by w·Δ, never a multiple of 11, so the residue leaves 3;
    // only the residues 0 and 10 share a control digit, and 3 is neither.
    const valid = '7707083893'
    for (let position = 0; position < 10; position += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        const typo = valid.slice(0, position) + String(digit) + valid.slice(position + 1)
        expect(isValidInn(typo)).toBe(typo === valid)
      }
    }
  })
})
