/* eslint-disable vue/one-component-per-file -- one stand-in per kit control, kept together */
import { defineComponent, h, type PropType } from 'vue'

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
