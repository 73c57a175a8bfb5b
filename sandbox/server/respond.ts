import type { ServerResponse } from 'node:http'

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** CORS for any origin: the app calls REST cross-origin from its own port (no credentials). */
export function setCors(res: ServerResponse, requestedHeaders: string | undefined): void {
  res.setHeader('Access-Control-Allow-Origin', '*')
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  res.setHeader('Access-Control-Allow-Headers', requestedHeaders || 'content-type, authorization, x-requested-with')
  res.setHeader('Access-Control-Max-Age', '600')
}
