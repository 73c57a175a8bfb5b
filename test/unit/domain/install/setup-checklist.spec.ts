// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { emptyApprovalSettings } from '@/domain/approvals/settings'
import { peopleNamedBy, setupGaps, type SetupInput } from '@/domain/install/setup-checklist'
import { DEFAULT_PLAYBOOK } from '@/domain/playbook'
import { defaultObjectsDirectory } from '@/domain/sale'

const objectTypes = defaultObjectsDirectory().objectTypes.map((type) => type.code)
const fresh: SetupInput = { playbook: DEFAULT_PLAYBOOK, people: {}, approvals: emptyApprovalSettings(), leadRecipients: { version: 1, byObjectType: {} }, objectTypes }

describe('what is left to set after the install', () => {
  it('the default LEMUS playbook tells the product manager (§5) and the works executor (§4)', () => {
    expect(peopleNamedBy(DEFAULT_PLAYBOOK)).toEqual({ productManager: true, roles: ['executor'] })
  })

  it('a fresh install lacks every person and every object type’s lead recipients', () => {
    const gaps = setupGaps(fresh)
    expect(gaps.map((gap) => gap.kind)).toEqual(['productManager', 'role', 'contractApprover', 'tripApprover', 'accountant', 'reportApprover', 'leadRecipients'])
    expect(gaps.find((gap) => gap.kind === 'role')).toEqual({ kind: 'role', role: 'executor' })
    expect(gaps.find((gap) => gap.kind === 'leadRecipients')).toEqual({ kind: 'leadRecipients', objectTypes })
  })

  it('nothing is listed once everybody is set', () => {
    const everyone: SetupInput = {
      ...fresh,
      people: { productManagerId: 5, roles: { executor: 6 } },
      approvals: { contractApprovers: { '1': 2 }, tripApprover: 2, accountant: 7, reportApprover: 2 },
      leadRecipients: { version: 1, byObjectType: Object.fromEntries(objectTypes.map((code) => [code, [3]])) },
    }
    expect(setupGaps(everyone)).toEqual([])
  })

  it('names only the object types left without recipients', () => {
    const allButOne = { version: 1 as const, byObjectType: Object.fromEntries(objectTypes.slice(1).map((code) => [code, [3]])) }
    expect(setupGaps({ ...fresh, leadRecipients: allButOne }).find((gap) => gap.kind === 'leadRecipients')).toEqual({ kind: 'leadRecipients', objectTypes: [objectTypes[0]] })
  })

  it('a playbook that names nobody beyond the deal’s people asks for no product manager or role', () => {
    const plain = { ...DEFAULT_PLAYBOOK, pipelines: [] }
    expect(setupGaps({ ...fresh, playbook: plain }).map((gap) => gap.kind)).not.toContain('productManager')
  })
})
