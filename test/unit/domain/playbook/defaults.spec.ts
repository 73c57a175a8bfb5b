// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { DEFAULT_PLAYBOOK, PlaybookSchema } from '@/domain/playbook'
import { PLAYBOOK_FIELDS, playbookUserFields } from '@/domain/fields/playbook'

// N2: both LEMUS pipelines are data; every stage and every task title as the story writes it.

const STAGES = {
  Товары: ['Не обработан', 'Экспресс-идентификация', 'Счет/КП', 'Договор', 'Комплектация', 'Отгрузка', 'Подведение итогов', 'Сделка успешна', 'Сделка провалена'],
  Услуги: ['Не обработан', 'Первичная идентификация', 'Счет/КП', 'Договор', 'Ожидание выезда на объект', 'В работе', 'Подведение итогов', 'Сделка успешна', 'Сделка провалена'],
}

/** Task titles of sections 4–9, quoted from the story, per stage. */
const TASKS: Record<string, Record<string, string[]>> = {
  Товары: {
    'Экспресс-идентификация': ['Выполнить Экспресс-идентификацию'],
    'Счет/КП': [
      'Сформировать и отправить КП',
      'Получить обратную связь по КП',
      'Актуализировать дату получения обратной связи',
      'Получить обратную связь по КП/счету',
    ],
    Договор: ['Сформировать и отправить Договор', 'Заполнить дату получения обратной связи по договору', 'Получить обратную связь по договору'],
    Комплектация: ['Получить окончательный расчет', 'Укомплектовать заказ по сделке'],
    Отгрузка: ['Получить окончательный расчет', 'Организовать отгрузку', 'Получить подтверждение, что товар получен'],
    'Подведение итогов': ['Получить сканы закрывающих документов', 'Заполнить плановую дату получения оригиналов документов'],
    'Сделка успешна': ['Получить оригиналы документов'],
  },
  Услуги: {
    'Первичная идентификация': ['Выполнить Экспресс-идентификацию'],
    'Счет/КП': [
      'Сформировать и отправить КП',
      'Подготовить и отправить лист о подготовке к выполнению работ',
      'Заполнить дату получения обратной связи по КП',
      'Получить обратную связь по КП',
    ],
    Договор: ['Сформировать и отправить Договор', 'Заполнить дату получения обратной связи по договору', 'Получить обратную связь по договору'],
    'Ожидание выезда на объект': ['Получить подтверждение готовности'],
    'В работе': ['Подготовить и отправить счет с листом о подготовке к выполнению работ'],
    'Подведение итогов': [
      'Подготовить и отправить клиенту Отчет по результатам измерения',
      'Заполнить дату получения обратной связи по Отчету',
      'Получить обратную связь по Отчету',
      'Получить окончательный расчет',
      'Подготовить и отправить оригиналы документов',
    ],
    'Сделка успешна': ['Получить оригиналы документов'],
  },
}

describe('DEFAULT_PLAYBOOK', () => {
  it('passes its own schema and survives a JSON round trip unchanged', () => {
    expect(PlaybookSchema.safeParse(DEFAULT_PLAYBOOK).success).toBe(true)
    expect(JSON.parse(JSON.stringify(DEFAULT_PLAYBOOK))).toEqual(DEFAULT_PLAYBOOK)
  })

  it.each(Object.entries(STAGES))('has every stage of «%s» in order', (pipeline, stages) => {
    const found = DEFAULT_PLAYBOOK.pipelines.find((p) => p.name === pipeline)
    expect(found?.stages.map((s) => s.name)).toEqual(stages)
  })

  it.each(Object.keys(TASKS))('has every task title of «%s» exactly, stage by stage', (pipeline) => {
    const found = DEFAULT_PLAYBOOK.pipelines.find((p) => p.name === pipeline)
    for (const stage of found?.stages ?? []) {
      const titles = stage.steps.flatMap((s) => (s.kind === 'task' ? [s.title] : []))
      expect({ stage: stage.name, titles }).toEqual({ stage: stage.name, titles: TASKS[pipeline]?.[stage.name] ?? [] })
    }
  })

  it('re-dated feedback tasks carry the story\'s second title (§6, §7)', () => {
    const revisions = DEFAULT_PLAYBOOK.pipelines.flatMap((p) =>
      p.stages.flatMap((s) => s.steps.flatMap((step) => (step.kind === 'task' && step.titleOnRevision ? [`${p.name}/${s.name}: ${step.titleOnRevision}`] : []))),
    )
    expect(revisions).toEqual([
      'Товары/Договор: Получить обратную связь по Договору',
      'Услуги/Счет/КП: Получить обратную связь по КП/счету',
      'Услуги/Договор: Получить обратную связь по Договору',
    ])
  })

  it('makes the head an auditor of every task and resolves him on every working stage', () => {
    for (const pipeline of DEFAULT_PLAYBOOK.pipelines) {
      for (const stage of pipeline.stages) {
        if (stage.steps.length > 0) expect(stage.resolveHead, stage.name).toBe(true)
        for (const step of stage.steps) if (step.kind === 'task') expect(step.auditors, step.title).toEqual(['head'])
      }
    }
  })
})

// UF names: api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.md (b24restdocs):
// FIELD_NAME is UF_CRM_ + A-Z 0-9 _, at most 50 characters; enumeration items carry XML_ID.
describe('playbook user fields', () => {
  it('declares one deal field per key, named UF_CRM_LMS_*, at most 50 characters', () => {
    expect(playbookUserFields).toHaveLength(Object.keys(PLAYBOOK_FIELDS).length)
    for (const def of playbookUserFields) {
      expect(def.entity).toBe('deal')
      expect(def.fieldName).toMatch(/^UF_CRM_LMS_[A-Z0-9_]+$/)
      expect(def.fieldName.length).toBeLessThanOrEqual(50)
    }
    expect(new Set(playbookUserFields.map((d) => d.fieldName)).size).toBe(playbookUserFields.length)
  })

  it('gives enumerations their items with stable codes', () => {
    const delivery = playbookUserFields.find((d) => d.fieldName === 'UF_CRM_LMS_DELIVERY_CONDITION')
    expect(delivery?.type).toBe('enumeration')
    expect(delivery?.items?.map((i) => [i.xmlId, i.value])).toEqual([
      ['pickup', 'Самовывоз'],
      ['carrier', 'Доставка транспортной компанией'],
      ['own_transport', 'Доставка нашим транспортом'],
    ])
    const complexity = playbookUserFields.find((d) => d.fieldName === 'UF_CRM_LMS_COMPLEXITY')
    expect(complexity?.items?.map((i) => i.value)).toEqual(['Простой', 'Сложный', 'Очень сложный'])
    expect(playbookUserFields.find((d) => d.fieldName === 'UF_CRM_LMS_PAID_AMOUNT')?.type).toBe('money')
    expect(playbookUserFields.find((d) => d.fieldName === 'UF_CRM_LMS_READINESS_DATE')?.type).toBe('datetime')
  })
})
