import { createServer, type IncomingMessage } from 'node:http'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { dirname, extname, join, normalize, sep } from 'node:path'

const require = createRequire(import.meta.url)

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

export interface RecordedRequest {
  method: string
  url: string
  /** Parsed form fields of a POST (the portal's AUTH_ID, PLACEMENT, …). */
  form: Record<string, string>
}

export interface StaticServer {
  /** `http://localhost:<port>` */
  origin: string
  /** Every request, in order: tests read the portal's POST fields from here. */
  requests: RecordedRequest[]
  close(): Promise<void>
}

/**
 * A tiny static server for app pages under test. It answers GET, HEAD and POST alike
 * (the portal opens handlers with POST), serves `/vendor/b24jssdk.js` (the SDK's UMD bundle)
 * and maps `/` paths to `index.html`.
 */
export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  const requests: RecordedRequest[] = []
  const sdkPath = join(dirname(require.resolve('@bitrix24/b24jssdk/package.json')), 'dist', 'umd', 'index.min.js')
  const server = createServer((req, res) => {
    void (async () => {
      const form = req.method === 'POST' ? await readForm(req) : {}
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', form })
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      let file: string
      if (pathname === '/vendor/b24jssdk.js') file = sdkPath
      else {
        const relative = normalize(pathname.endsWith('/') ? `${pathname}index.html` : pathname)
        file = join(root, relative)
        if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
          res.writeHead(403)
          return res.end()
        }
      }
      try {
        const body = await readFile(file)
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' })
        res.end(req.method === 'HEAD' ? undefined : body)
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain' })
        res.end('not found')
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(port, resolve))
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  if (!(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) return {}
  return Object.fromEntries(new URLSearchParams(text))
}
