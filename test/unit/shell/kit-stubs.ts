import { defineComponent, h } from 'vue'

/**
 * Stand-ins for b24ui components. The kit's components import theme modules that only
 * its Vite plugin provides, and the shared vitest config runs without that plugin; the
 * shell's own logic and texts are what these tests check.
 */
export const kitStub = (name: string) =>
  defineComponent({
    name,
    props: {
      title: { type: String, default: '' },
      description: { type: String, default: '' },
      label: { type: String, default: '' },
      color: { type: String, default: '' },
      modelValue: { type: Number, default: 0 },
      max: { type: Number, default: 100 },
      disabled: { type: Boolean, default: false },
      loading: { type: Boolean, default: false },
      size: { type: String, default: '' },
      type: { type: String, default: '' },
    },
    emits: ['click'],
    setup(props, { slots, emit }) {
      return () =>
        h('div', { 'data-kit': name, onClick: () => emit('click') }, [props.title, ' ', props.description, props.label, slots.default?.()])
    },
  })
