/** "The next `count` calls of `method` fail with `status`/`code`" and/or "hang for `delayMs`". */
export interface FaultRule {
  /** Method name (case-insensitive) or `*` for any method. */
  method: string
  count: number
  status?: number
  code?: string
  description?: string
  delayMs?: number
  /** Fail after the method ran: the write happened, only the reply is lost. */
  after?: boolean
}

/** Fault injection for tests, driven by the control API. */
export class Faults {
  private rules: FaultRule[] = []

  add(rule: Partial<FaultRule> & { method: string }): FaultRule {
    const stored: FaultRule = {
      method: rule.method.toLowerCase(),
      count: rule.count && rule.count > 0 ? Math.floor(rule.count) : 1,
      ...(rule.status ? { status: Number(rule.status) } : {}),
      ...(rule.code !== undefined ? { code: String(rule.code) } : {}),
      ...(rule.description !== undefined ? { description: String(rule.description) } : {}),
      ...(rule.delayMs ? { delayMs: Number(rule.delayMs) } : {}),
      ...(rule.after === true || String(rule.after) === 'true' ? { after: true } : {}),
    }
    if (stored.status === undefined && stored.delayMs === undefined) {
      throw new Error('a fault needs a status (fail) or a delayMs (hang)')
    }
    this.rules.push(stored)
    return stored
  }

  /** Consumes one use of the first rule matching `method`. */
  take(method: string): FaultRule | undefined {
    const name = method.toLowerCase()
    const rule = this.rules.find((r) => r.method === name || r.method === '*')
    if (!rule) return undefined
    rule.count--
    if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule)
    return { ...rule }
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }))
  }

  clear(): void {
    this.rules = []
  }
}
