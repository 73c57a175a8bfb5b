/**
 * Idempotency keys: the app stores the key on what it creates (task, notification) and
 * never creates a second thing with the same key. A key depends only on the deal, the
 * stage, the step, the occurrence and (for re-dated steps) the date it was made for, so
 * it is the same on every evaluation.
 */
export interface StepKeyParts {
  dealId: number
  pipelineKey: string
  stageKey: string
  stepId: string
  /** Occurrence of a repeating step; 0 otherwise. */
  index: number
  /** Compact value of the `revisionBy` field the occurrence was made for. */
  revision?: string
}

const PREFIX = 'pb'

export function stepKeyPrefix(parts: Omit<StepKeyParts, 'index' | 'revision'>): string {
  return `${PREFIX}:${parts.dealId}:${parts.pipelineKey}:${parts.stageKey}:${parts.stepId}:`
}

export function stepKey(parts: StepKeyParts): string {
  const base = `${stepKeyPrefix(parts)}${parts.index}`
  return parts.revision ? `${base}:${parts.revision}` : base
}

export function parseStepKey(key: string): StepKeyParts | null {
  const match = /^pb:(\d+):([a-z][a-z0-9-]*):([a-z][a-z0-9-]*):([a-z][a-z0-9-]*):(\d+)(?::([A-Za-z0-9]+))?$/.exec(key)
  if (!match) return null
  const [, dealId, pipelineKey, stageKey, stepId, index, revision] = match
  const parts: StepKeyParts = {
    dealId: Number(dealId),
    pipelineKey: pipelineKey ?? '',
    stageKey: stageKey ?? '',
    stepId: stepId ?? '',
    index: Number(index),
  }
  if (revision) parts.revision = revision
  return parts
}

/** A field value as a key part: dates by their UTC minute (`202503011000`), others stripped. */
export function revisionToken(value: string | number | boolean, isDate: boolean): string {
  if (isDate) {
    const ms = typeof value === 'number' ? value : Date.parse(String(value))
    if (!Number.isNaN(ms)) return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '')
  }
  return `h${fnv1a(String(value))}`
}

/** Short stable hash for non-date values (they may hold Cyrillic or spaces). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}
