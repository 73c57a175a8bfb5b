import type { Connect, Plugin } from 'vite'

/**
 * Bitrix24 opens a handler with a POST form (tokens in the body, which the SDK never
 * reads: it gets them from the parent by postMessage). Vite's HTML fallback answers
 * GET/HEAD only, so a POST to a page URL is turned into a GET here. Requests for
 * anything other than the app's pages (assets, /@vite, API-like paths) are left alone.
 */
export function isPagePost(method: string | undefined, url: string | undefined): boolean {
  if (method !== 'POST' || !url) return false
  const path = url.split('?')[0] ?? ''
  return path === '/' || path.endsWith('/') || path.endsWith('.html')
}

const rewritePostToGet: Connect.NextHandleFunction = (req, _res, next) => {
  if (isPagePost(req.method, req.url)) {
    req.method = 'GET'
    // The form body is not needed: drain it so the socket is not left half-read.
    req.resume()
  }
  next()
}

export function postAsGet(): Plugin {
  return {
    name: 'b24:post-as-get',
    configureServer(server) {
      server.middlewares.use(rewritePostToGet)
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewritePostToGet)
    },
  }
}
