import { createReadStream, existsSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
}

export function contentTypeOf(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** The file under `root` for a URL path, or undefined (no escaping the root). */
export function resolveStatic(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return undefined
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`)
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined
  return existsSync(file) && statSync(file).isFile() ? file : undefined
}

/**
 * Serves the built app: files with their types, and index.html for any other path and for
 * POST (Bitrix24 opens a handler URL with a POST form).
 */
export function serveApp(root: string, req: IncomingMessage, res: ServerResponse): void {
  // Drain a POST body; the SPA reads nothing from it (the SDK uses window.name and postMessage).
  req.resume()
  const file = (req.method === 'GET' || req.method === 'HEAD' ? resolveStatic(root, req.url ?? '/') : undefined) ?? path.join(root, 'index.html')
  if (!existsSync(file)) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
    res.end(`Приложение не собрано: нет ${file}. Выполните npm run build.\nThe app is not built: run npm run build.`)
    return
  }
  const isIndex = file.endsWith(`${path.sep}index.html`)
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    // Hashed assets can be cached; the entry page must always be fresh.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=3600',
  })
  if (req.method === 'HEAD') return void res.end()
  createReadStream(file).pipe(res)
}
