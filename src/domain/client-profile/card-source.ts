import { z } from 'zod/mini'
import type { LocalizedText } from '../fields/types'
import { trimmedString } from '../schema-parts'
import { profileMessage } from './messages'

/*
 * «Источник контакта» (P4): a card converted from a lead always says «форма обратной
 * связи» and cannot be edited; a card made by hand carries free text.
 */
export type CardSource = { kind: 'WEB_FORM' } | { kind: 'MANUAL'; text: string }

export const CARD_SOURCE_KINDS: readonly { code: CardSource['kind']; label: LocalizedText }[] = [
  { code: 'WEB_FORM', label: { ru: 'Форма обратной связи', en: 'Feedback form' } },
  { code: 'MANUAL', label: { ru: 'Вручную', en: 'Entered by hand' } },
]

export function describeCardSource(source: CardSource, locale: keyof LocalizedText = 'ru'): string {
  if (source.kind === 'MANUAL') return source.text
  return CARD_SOURCE_KINDS[0]!.label[locale]
}

export function isCardSourceEditable(source: CardSource): boolean {
  return source.kind === 'MANUAL'
}

export const cardSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('WEB_FORM') }),
  z.object({
    kind: z.literal('MANUAL'),
    text: trimmedString().check(z.refine((text) => text !== '', profileMessage('sourceRequired'))),
  }),
])
