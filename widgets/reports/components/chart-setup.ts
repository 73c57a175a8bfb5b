import { BarController, BarElement, CategoryScale, Chart, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js'

/**
 * chart.js with only the parts the report page draws (tree-shaken): horizontal bars, lines,
 * category and linear axes, tooltips. Imported dynamically by `use-chart.ts`, so the library sits
 * in a chunk of its own that only the report page loads. Legends are the page's own HTML.
 */
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip)

export { Chart }
