import { defineComponent, h } from 'vue'

/**
 * Stand-ins for b24ui components. The kit's components import theme modules that only
 * its Vite plugin provides, and the shared vitest config runs without that plugin; the
 * shell's own logic and texts are what these tests check.
 */
export const kitStub = (name: string) =>
  defineComponent({
    name,
    props: ['title', 'description', 'label', 'color', 'modelValue', 'max', 'disabled', 'loading', 'size', 'type'],
    emits: ['click'],
    setup(props, { slots, emit }) {
      return () =>
        h('div', { 'data-kit': name, onClick: () => emit('click') }, [props.title, ' ', props.description, props.label, slots.default?.()])
    },
  })
