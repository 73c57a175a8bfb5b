import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerResponse } from 'node:http'
import { sendText } from './http'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

let scriptBundle: Promise<string> | undefined

/** The parent page's browser script, bundled from TypeScript once per process with esbuild. */
export function portalScript(): Promise<string> {
  scriptBundle ??= (async () => {
    const { build } = await import('esbuild')
    const result = await build({
      entryPoints: [join(here, 'client', 'main.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      sourcemap: 'inline',
      logLevel: 'silent',
    })
    return result.outputFiles[0]?.text ?? ''
  })().catch((error: unknown) => {
    scriptBundle = undefined
    throw error
  })
  return scriptBundle
}

/** The SDK's UMD bundle (global `B24Js`), for probe pages that load it from the portal. */
export function sdkUmdPath(): string {
  return join(dirname(require.resolve('@bitrix24/b24jssdk/package.json')), 'dist', 'umd', 'index.min.js')
}

export async function serveAsset(pathname: string, res: ServerResponse): Promise<boolean> {
  switch (pathname) {
    case '/portal-assets/portal.js':
      sendText(res, 200, 'application/javascript; charset=utf-8', await portalScript())
      return true
    case '/portal-assets/portal.css':
      sendText(res, 200, 'text/css; charset=utf-8', await readFile(join(here, 'assets', 'portal.css')))
      return true
    case '/portal-assets/vendor/b24jssdk.js':
      res.setHeader('Access-Control-Allow-Origin', '*')
      sendText(res, 200, 'application/javascript; charset=utf-8', await readFile(sdkUmdPath()))
      return true
    default:
      return false
  }
}
