import { RestError, errors } from '../core/errors'
import type { CallContext, MethodSpec, MethodTable, Params } from '../core/types'
import type { Store } from '../store/types'
import type { Caller } from '../auth/authenticate'
import { runBatch, type Outcome } from './batch'
import { timeInfo } from './envelope'
import type { FaultRule, Faults } from './faults'
import type { LimitSettings, OperatingTime } from './limits'
import type { SerialQueue } from '../core/serial'

export interface InvokeDeps {
  store: Store
  methods: MethodTable
  limits: () => LimitSettings
  operating: OperatingTime
  faults: Faults
  /** The sandbox clock (real time plus the control API's offset), ms. */
  nowMs: () => number
  origin: string
  log: (message: string, error?: unknown) => void
  /** Local handler URLs for placement.bind/event.bind (see CallContext); absent = refused, as on the portal. */
  allowLocalHandlers?: () => boolean
  /**
   * The sandbox's one writer: a top-level call (a whole batch) runs its handlers in one task of it, so
   * two concurrent requests never interleave. Absent (unit tests): calls run as they come.
   */
  serial?: SerialQueue
  /** Starts the store commit at the end of that task, so a commit holds whole requests only. */
  commit?: () => Promise<void>
  /** Told of every call from outside: a top-level one and each command of a batch (not a method's own sub-calls), with its auth source. */
  countCall?: (method: string, source: string) => void
  /** Told of every top-level call (one HTTP request, a batch as a whole) with its auth source. */
  countRequest?: (source: string) => void
}

// b24restdocs `api-reference/widgets/placement-unbind.md`: the full text of the portal.
const wrongAuthType = () =>
  new RestError(403, 'WRONG_AUTH_TYPE', 'Current authorization type is denied for this method Application context required')
const batchNotAllowed = () => new RestError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage')

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs one REST method for a caller with the portal's checks, in this order: method exists,
 * scope, app context, admin, operating-time limit, injected faults, handler. `batch` is
 * handled here too, so its sub-calls go through exactly the same path.
 */
export class RestInvoker {
  private readonly methods = new Map<string, MethodSpec>()

  constructor(private readonly deps: InvokeDeps) {
    for (const [name, spec] of Object.entries(deps.methods)) this.methods.set(name.toLowerCase(), spec)
  }

  has(method: string): boolean {
    return this.methods.has(method.toLowerCase())
  }

  async invoke(caller: Caller, method: string, params: Params, depth = 0): Promise<Outcome> {
    if (depth === 0) {
      this.deps.countRequest?.(caller.clientKey)
      this.deps.countCall?.(method, caller.clientKey)
    }
    const unit: { committed?: Promise<void> } = {}
    const outcome = await this.run(caller, method, params, depth, unit)
    return unit.committed ? { ...outcome, committed: unit.committed } : outcome
  }

  private async run(caller: Caller, method: string, params: Params, depth: number, unit: { committed?: Promise<void> }): Promise<Outcome> {
    const startMs = this.deps.nowMs()
    const name = method.toLowerCase()
    try {
      if (name === 'batch') {
        if (depth > 0) throw batchNotAllowed()
        await this.applyFault(this.deps.faults.take(name))
        // One unit against other requests: every command, and the commit, before anyone else's.
        const value = await this.exclusive(depth, unit, () => runBatch(params, (sub, subParams) => this.invokeCommand(caller, sub, subParams, depth + 1)))
        const finishMs = this.deps.nowMs()
        // The outer batch is not counted in operating time (b24restdocs `limits.md`).
        return { ok: true, value, time: timeInfo(startMs, finishMs, finishMs - startMs, this.deps.operating.status(`${caller.clientKey}:batch`, finishMs)) }
      }
      const spec = this.methods.get(name)
      if (!spec) throw errors.methodNotFound()
      if (spec.scope !== 'basic' && caller.scopes && !caller.scopes.includes(spec.scope)) throw errors.insufficientScope()
      if (spec.appContextOnly && caller.auth.type !== 'oauth') throw wrongAuthType()
      if (spec.adminOnly && !caller.user.IS_ADMIN) throw errors.accessDenied()
      const account = `${caller.clientKey}:${name}`
      const limits = this.deps.limits()
      if (limits.enabled && this.deps.operating.isBlocked(account, startMs, limits.operatingLimitSeconds)) {
        throw errors.operationTimeLimit()
      }
      const fault = this.deps.faults.take(name)
      if (!fault?.after) await this.applyFault(fault)
      const value = await this.exclusive(depth, unit, async () => {
        const realStart = performance.now()
        try {
          return await spec.handler(this.context(caller, depth), params)
        } finally {
          const processingMs = performance.now() - realStart
          this.deps.operating.add(account, processingMs / 1000 + (spec.cost ?? 0), this.deps.nowMs())
        }
      })
      if (fault?.after) await this.applyFault(fault)
      const finishMs = this.deps.nowMs()
      const processingMs = finishMs - startMs
      return { ok: true, value, time: timeInfo(startMs, finishMs, processingMs, this.deps.operating.status(account, finishMs)) }
    } catch (error) {
      if (error instanceof RestError) return { ok: false, error }
      this.deps.log(`REST ${method} failed`, error)
      return { ok: false, error: errors.internal() }
    }
  }

  private invokeCommand(caller: Caller, method: string, params: Params, depth: number): Promise<Outcome> {
    this.deps.countCall?.(method, caller.clientKey)
    return this.invoke(caller, method, params, depth)
  }

  /**
   * A top-level call's handlers run as one task of the serial queue, and the store commit starts
   * inside it (its journal then holds this request's changes and nobody's half). Injected faults
   * wait outside: a hanging request does not hold up the others, as on the portal.
   */
  private async exclusive<T>(depth: number, unit: { committed?: Promise<void> }, work: () => Promise<T>): Promise<T> {
    const serial = this.deps.serial
    if (depth > 0 || !serial) return work()
    return serial.run(async () => {
      try {
        return await work()
      } finally {
        // The router awaits this write before it answers; starting it here keeps later requests out of it.
        unit.committed = this.deps.commit?.()
        unit.committed?.catch(() => {})
      }
    })
  }

  private async applyFault(fault: FaultRule | undefined): Promise<void> {
    if (!fault) return
    if (fault.delayMs) await sleep(fault.delayMs)
    if (fault.status) throw new RestError(fault.status, fault.code ?? '', fault.description ?? '')
  }

  private context(caller: Caller, depth: number): CallContext {
    return {
      store: this.deps.store,
      user: caller.user,
      auth: caller.auth,
      now: () => new Date(this.deps.nowMs()),
      origin: this.deps.origin,
      allowLocalHandlers: this.deps.allowLocalHandlers?.() ?? false,
      call: async (method, params) => {
        const outcome = await this.invoke(caller, method, params, depth + 1)
        if (!outcome.ok) throw outcome.error
        return outcome.value
      },
    }
  }
}
