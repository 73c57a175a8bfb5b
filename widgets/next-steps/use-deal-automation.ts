import { shallowRef, watch } from 'vue'
import { readDealAutomation } from '@/b24/runner-client'
import type { DealAutomation } from '@/b24/runner-client'

export interface AutomationTarget {
  dealId: number
  runnerUrl: string | null
}

/**
 * The runner's report for the deal, asked again after every read of the screen (`reads` counts
 * them): null while asked. Only the newest answer is kept when reads overlap.
 */
export function useDealAutomation(target: () => AutomationTarget | null, reads: () => number, read = readDealAutomation) {
  const automation = shallowRef<DealAutomation | null>(null)
  let asked = 0
  watch(
    reads,
    async () => {
      const current = target()
      if (!current) return
      const ask = ++asked
      const answer = await read(current.runnerUrl, current.dealId)
      if (ask === asked) automation.value = answer
    },
    { immediate: true },
  )
  return automation
}
