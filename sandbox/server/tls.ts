import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { generate } from 'selfsigned'

export interface TlsFiles {
  key: string
  cert: string
  /** Give this file to Node clients as NODE_EXTRA_CA_CERTS (it is its own CA). */
  certPath: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A self-signed certificate for `localhost` and `127.0.0.1`, made once into `dir` and reused:
 * the SDK's B24Hook only accepts https webhook URLs. Parallel starts (test workers) share one
 * pair: a lock directory lets one process make it while the others wait for it.
 */
export async function ensureTls(dir: string): Promise<TlsFiles> {
  const certPath = path.join(dir, 'localhost-cert.pem')
  const keyPath = path.join(dir, 'localhost-key.pem')
  const lock = path.join(dir, '.lock')
  const read = (): TlsFiles => ({ key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath })
  mkdirSync(dir, { recursive: true })
  for (let attempt = 0; attempt < 600; attempt++) {
    // The cert is written last, so its presence means the pair is complete.
    if (existsSync(certPath)) return read()
    try {
      mkdirSync(lock)
    } catch {
      // Another process is making it; a lock older than a minute was left by a crash.
      const info = statSync(lock, { throwIfNoEntry: false })
      if (info && Date.now() - info.mtimeMs > 60_000) rmSync(lock, { recursive: true, force: true })
      await sleep(100)
      continue
    }
    try {
      await writePair(keyPath, certPath)
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
    return read()
  }
  throw new Error(`Timed out waiting for the TLS certificate in ${dir}`)
}

async function writePair(keyPath: string, certPath: string): Promise<void> {
  const notAfter = new Date()
  notAfter.setFullYear(notAfter.getFullYear() + 10)
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  })
  writeFileSync(`${keyPath}.tmp`, pems.private, { mode: 0o600 })
  renameSync(`${keyPath}.tmp`, keyPath)
  writeFileSync(`${certPath}.tmp`, pems.cert)
  renameSync(`${certPath}.tmp`, certPath)
}
