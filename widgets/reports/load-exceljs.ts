import type * as ExcelJSModule from 'exceljs'
// The library's own browser build, emitted as a plain file: it loads only when the user asks for
// an XLSX, and never joins the vendor chunk every placement shares.
import exceljsUrl from 'exceljs/dist/exceljs.min.js?url'

type ExcelJS = typeof ExcelJSModule

declare global {
  interface Window {
    ExcelJS?: ExcelJS
  }
}

let loading: Promise<ExcelJS> | null = null

export function loadExcelJs(): Promise<ExcelJS> {
  if (window.ExcelJS) return Promise.resolve(window.ExcelJS)
  loading ??= new Promise<ExcelJS>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = exceljsUrl
    script.async = true
    script.onload = () => (window.ExcelJS ? resolve(window.ExcelJS) : reject(new Error('ExcelJS did not load')))
    script.onerror = () => {
      loading = null
      reject(new Error('ExcelJS could not be loaded'))
    }
    document.head.append(script)
  })
  return loading
}
