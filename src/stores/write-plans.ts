import { useIntervalFn } from '@vueuse/core'
import { computed, ref, shallowRef, toRaw } from 'vue'
import type { RestTransport } from '@/b24/gateway'
import type { PlanJournal, PlanWait } from '@/b24/write-plan'
import type { WritePlan } from '@/domain/write-plan'

/**
 * A screen's side of write plans: runs one, shows its waits as a countdown with a cancel,
 * and lists the plans of its record that stopped unfinished (in this tab, an earlier one, or
 * before a crash) so the user can finish them or leave them unfinished. The caller says «Сохранено» only when `run`
 * resolves to a plan whose status is `done`.
 */
export function useWritePlans(deps: { transport: () => RestTransport; journal: () => PlanJournal | null }) {
  const running = shallowRef<WritePlan | null>(null)
  const wait = shallowRef<PlanWait | null>(null)
  const unfinished = ref<WritePlan[]>([])
  const now = ref(Date.now())
  let controller: AbortController | null = null
  let scope: string | null = null

  useIntervalFn(() => (now.value = Date.now()), 250)

  const secondsLeft = computed(() => (wait.value ? Math.max(0, Math.ceil((wait.value.until - now.value) / 1000)) : 0))

  async function refresh(forScope: string | null = scope): Promise<void> {
    scope = forScope
    const journal = deps.journal()
    unfinished.value = journal && scope ? await journal.list(scope) : []
  }

  async function run(plan: WritePlan): Promise<WritePlan> {
    const journal = deps.journal()
    if (!journal) throw new Error('The plan journal is not ready (the user is not known yet)')
    if (running.value) throw new Error('A write is already running')
    controller = new AbortController()
    running.value = plan
    try {
      // The runner comes with the first write: opening a screen only reads, so it is not in the screen's chunk.
      const { runPlan } = await import('@/b24/write-plan/run-plan')
      return await runPlan(plan, {
        transport: deps.transport(),
        journal,
        signal: controller.signal,
        onChange: (next) => (running.value = next),
        onWait: (next) => (wait.value = next),
      })
    } finally {
      running.value = null
      wait.value = null
      controller = null
      await refresh(plan.scope)
    }
  }

  /** Finishes a plan from the journal: its done steps are kept, a sent create is looked up first. */
  async function resume(planId: string): Promise<WritePlan | null> {
    const plan = unfinished.value.find((candidate) => candidate.id === planId)
    // The plain plan, not the list's reactive proxy: a finder's params go to the SDK as they are, and it clones them.
    return plan ? run(toRaw(plan)) : null
  }

  function cancel(): void {
    controller?.abort()
  }

  /**
   * The user gives up an unfinished plan (a refusal that will not pass, e.g. no right to change
   * the record): what it wrote stays — its steps are ordered so that any prefix leaves the card
   * consistent — and the rest is not written; it is no longer offered after a reload.
   */
  async function discard(planId: string): Promise<void> {
    const journal = deps.journal()
    if (!journal || running.value) return
    await journal.remove(planId)
    await refresh()
  }

  return { running, wait, secondsLeft, unfinished, busy: computed(() => running.value !== null), refresh, run, resume, cancel, discard }
}

export type WritePlans = ReturnType<typeof useWritePlans>
