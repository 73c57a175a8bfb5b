/* eslint-disable vue/one-component-per-file -- one stand-in per kit control, kept together */
import type { DateValue } from '@internationalized/date'
import { defineComponent, h, type PropType } from 'vue'
import { toDateValue } from '@/ui/date-input'

/**
 * Stand-ins for the kit's form controls (see kit-stubs.ts: the kit needs its Vite plugin, which
 * the shared vitest config runs without). Each renders the native element it stands for, with
 * the attributes the form gives it (data-testid, id, aria-*), and speaks the kit's v-model
 * (`modelValue` / `update:modelValue`), so a component test drives the form's own wiring:
 * `setValue` on an input or a select, `setValue(true)` on a radio or a checkbox.
 */
type Item = { value: string; label: string; disabled?: boolean }

/** B24Input / B24Textarea. */
export const kitInputStub = (tag: 'input' | 'textarea') =>
  defineComponent({
    props: { modelValue: { type: [String, Number], default: '' } },
    emits: ['update:modelValue'],
    setup(props, { emit }) {
      return () => h(tag, { value: props.modelValue, onInput: (event: Event) => emit('update:modelValue', (event.target as HTMLInputElement).value) })
    },
  })

/**
 * B24InputDate: one text input of the parts as the field would hold them (`2026-05-20`, with the
 * time `2026-05-20T10:00`), speaking the kit's `DateValue`: text that is no whole date is «not
 * every part typed yet» (undefined), as the kit's field emits it. `data-locale` shows the language tag it got.
 */
export const kitInputDateStub = () =>
  defineComponent({
    props: { modelValue: { type: Object as PropType<DateValue | null>, default: null }, granularity: { type: String, default: 'day' }, locale: { type: String, default: '' } },
    emits: ['update:modelValue'],
    setup(props, { emit }) {
      // Text that is no whole date reads as not every part typed yet (the app's own reading of ISO text).
      const parse = (text: string): DateValue | undefined => toDateValue(text, props.granularity !== 'day') ?? undefined
      const shown = () => {
        const value = props.modelValue
        if (!value) return ''
        const text = value.toString()
        return props.granularity === 'day' ? text.slice(0, 10) : text.slice(0, 16)
      }
      return () => h('input', { value: shown(), 'data-locale': props.locale, onInput: (event: Event) => emit('update:modelValue', parse((event.target as HTMLInputElement).value)) })
    },
  })

/** B24Select: a native select over the kit's items (a disabled item is a disabled option); '' (nothing chosen) shows the placeholder. */
export const kitSelectStub = () =>
  defineComponent({
    props: {
      modelValue: { type: String, default: undefined },
      items: { type: Array as PropType<Item[]>, default: () => [] },
      placeholder: { type: String, default: '' },
      disabled: { type: Boolean, default: false },
    },
    emits: ['update:modelValue'],
    setup(props, { emit }) {
      return () =>
        h('select', { value: props.modelValue ?? '', disabled: props.disabled, onChange: (event: Event) => emit('update:modelValue', (event.target as HTMLSelectElement).value) }, [
          h('option', { value: '', disabled: true }, props.placeholder),
          ...props.items.map((item) => h('option', { value: item.value, disabled: item.disabled === true }, item.label)),
        ])
    },
  })

/**
 * B24SelectMenu: its search box (`searchTerm`, marked data-search) and a native select over the
 * items, the one the attributes land on (the kit's trigger carries them).
 */
export const kitSelectMenuStub = () =>
  defineComponent({
    inheritAttrs: false,
    props: {
      modelValue: { type: String, default: undefined },
      searchTerm: { type: String, default: '' },
      items: { type: Array as PropType<Item[]>, default: () => [] },
      disabled: { type: Boolean, default: false },
    },
    emits: ['update:modelValue', 'update:searchTerm'],
    setup(props, { emit, attrs }) {
      return () =>
        h('div', [
          h('input', { 'data-search': '', value: props.searchTerm, onInput: (event: Event) => emit('update:searchTerm', (event.target as HTMLInputElement).value) }),
          h(
            'select',
            { ...attrs, value: props.modelValue ?? '', disabled: props.disabled, onChange: (event: Event) => emit('update:modelValue', (event.target as HTMLSelectElement).value) },
            props.items.map((item) => h('option', { value: item.value, disabled: item.disabled === true }, item.label)),
          ),
        ])
    },
  })

/** B24Checkbox: the box carries the attributes, its label beside it. */
export const kitCheckboxStub = () =>
  defineComponent({
    inheritAttrs: false,
    props: { modelValue: { type: Boolean, default: false }, label: { type: String, default: '' } },
    emits: ['update:modelValue'],
    setup(props, { emit, attrs }) {
      return () =>
        h('label', [
          h('input', { ...attrs, type: 'checkbox', checked: props.modelValue, onChange: (event: Event) => emit('update:modelValue', (event.target as HTMLInputElement).checked) }),
          props.label,
        ])
    },
  })

/** B24RadioGroup: its legend, then one radio per item with its label and description (slot or text). */
export const kitRadioGroupStub = () =>
  defineComponent({
    props: {
      modelValue: { type: String, default: undefined },
      items: { type: Array as PropType<Array<Item & { description?: string }>>, default: () => [] },
      name: { type: String, default: '' },
      legend: { type: String, default: '' },
    },
    emits: ['update:modelValue'],
    setup(props, { emit, slots }) {
      return () =>
        h('div', { role: 'radiogroup' }, [
          props.legend ? h('span', { 'data-legend': '' }, props.legend) : null,
          ...props.items.map((item) =>
            h('label', [
              h('input', { type: 'radio', name: props.name, value: item.value, checked: props.modelValue === item.value, onChange: () => emit('update:modelValue', item.value) }),
              item.label,
              slots.description?.({ item }) ?? item.description,
            ]),
          ),
        ])
    },
  })

/** B24FormField: its label, the control, and the error (through the form's `error` slot if it gives one). */
export const kitFormFieldStub = () =>
  defineComponent({
    props: { label: { type: String, default: '' }, error: { type: String, default: undefined } },
    setup(props, { slots }) {
      return () => h('div', [h('label', props.label), slots.default?.(), props.error ? (slots.error?.({ error: props.error }) ?? props.error) : null])
    },
  })

/** B24Card: any element (`as`), header, body and footer in turn. */
export const kitCardStub = () =>
  defineComponent({
    props: { as: { type: String, default: 'div' }, title: { type: String, default: '' } },
    setup(props, { slots }) {
      return () => h(props.as, [props.title, slots.header?.(), slots.default?.(), slots.footer?.()])
    },
  })
