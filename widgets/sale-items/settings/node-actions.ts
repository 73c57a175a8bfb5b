import type { NodePath } from '@/domain/sale'

/** What an admin does on a node of the directory tree; `add` adds a child (to the root: an object type). */
export type NodeAction = 'change' | 'add' | 'remove' | 'up' | 'down'

export type NodeActionEmit = (event: 'act', action: NodeAction, path: NodePath) => void

/** «№ 12 «Title»» for every deal, joined. */
export function dealsText(deals: readonly { id: number; title: string }[], t: (key: string, params?: Record<string, unknown>) => string): string {
  return deals.map((deal) => t('directory.deal', { id: deal.id, title: deal.title })).join(', ')
}
