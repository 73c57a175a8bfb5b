/** Browser files → `[name, base64]` pairs, the shape timeline comments take (no `data:` prefix). */
export async function filesToBase64Pairs(files: readonly File[]): Promise<[string, string][]> {
  return Promise.all(files.map(async (file) => [file.name, await base64Of(file)] as [string, string]))
}

function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(reader.error ?? new Error(`Cannot read ${file.name}`))
    reader.onload = () => {
      const url = String(reader.result ?? '')
      resolve(url.slice(url.indexOf(',') + 1))
    }
    reader.readAsDataURL(file)
  })
}
