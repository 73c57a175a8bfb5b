// @vitest-environment node
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from './config'
import { localRunnerDataDir, localRunnerEnv, localRunnerUrl } from './local-runner'

// The runner beside the sandbox (`npm start`): what it is told, where it keeps its store.
const facts = {
  portalOrigin: 'http://localhost:4000',
  appUrl: 'http://localhost:4001/',
  clientId: 'local.6a1f0c2b9d8e47.51020304',
  clientSecret: 's3cret',
  dataDir: '/data/runner',
}

describe('the local runner', () => {
  it('takes the sandbox app\'s client id and secret, the sandbox as OAuth server, the app\'s origin', () => {
    expect(localRunnerEnv(facts, {})).toEqual({
      RUNNER_DATA: '/data/runner',
      RUNNER_CLIENT_ID: facts.clientId,
      RUNNER_CLIENT_SECRET: 's3cret',
      RUNNER_OAUTH_SERVER: 'http://localhost:4000/rest/',
      RUNNER_APP_ORIGINS: 'http://localhost:4001',
    })
  })

  it('honours RUNNER_PORT and RUNNER_POLL_MS; the sandbox\'s app wins over other RUNNER_* values', () => {
    const env = localRunnerEnv(facts, { RUNNER_PORT: '4710', RUNNER_POLL_MS: '250', RUNNER_CLIENT_ID: 'other', RUNNER_APP_ORIGINS: 'https://x.example' })
    expect(env).toMatchObject({ RUNNER_PORT: '4710', RUNNER_POLL_MS: '250', RUNNER_CLIENT_ID: facts.clientId, RUNNER_APP_ORIGINS: 'http://localhost:4001' })
  })

  it('keeps its store beside the sandbox data (wiped by reset) unless RUNNER_DATA says otherwise', () => {
    expect(localRunnerDataDir('/x/.sandbox/data', {})).toBe('/x/.sandbox/runner')
    expect(localRunnerDataDir('/x/.sandbox/data', { RUNNER_DATA: 'var/runner' })).toBe(path.resolve(repoRoot, 'var/runner'))
  })

  it('is reached at localhost on RUNNER_PORT (4100 by default)', () => {
    expect(localRunnerUrl({})).toBe('http://localhost:4100')
    expect(localRunnerUrl({ RUNNER_PORT: '4710' })).toBe('http://localhost:4710')
  })
})
