import type { Chart, ChartConfiguration, ChartType } from 'chart.js'
import { onBeforeUnmount, onMounted, shallowRef, watch, type Ref } from 'vue'
import { nextTask } from '@/ui/next-task'

/**
 * A chart.js chart on a canvas, redrawn when its configuration changes. The library is loaded on
 * the first mount (`chart-setup.ts`, a chunk of its own). Where the browser gives no 2D context
 * (a DOM without canvas), nothing is drawn; the component's text (accessible list or table) stays.
 */
export function useChart<T extends ChartType>(canvas: Ref<HTMLCanvasElement | null>, config: () => ChartConfiguration<T>) {
  const chart = shallowRef<Chart<T> | null>(null)
  let alive = true
  onMounted(async () => {
    const { Chart: ChartClass } = await import('./chart-setup')
    // Each chart draws in a task of its own, after the table it stands under has painted.
    await nextTask()
    const element = canvas.value
    if (!alive || !element || !element.getContext?.('2d')) return
    chart.value = new ChartClass(element, config()) as unknown as Chart<T>
  })
  watch(config, (next) => {
    const current = chart.value
    if (!current) return
    current.data = next.data
    if (next.options) current.options = next.options
    current.update()
  })
  onBeforeUnmount(() => {
    alive = false
    chart.value?.destroy()
    chart.value = null
  })
  return chart
}

/** The page's text colour for the canvas (axis labels, value labels follow light and dark themes). */
export function textColor(element: Element | null): string {
  return element ? getComputedStyle(element).color || '#333' : '#333'
}
