import type { InstallStep } from '@/domain/install/plan'

type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * An install step as an admin reads it: where a tab appears, which card a field is on, what the
 * automation is told — never a placement code, an entity code or an event name. A code the
 * locale does not know yet is shown as it is rather than hidden.
 */
export function installStepLabel(step: InstallStep, t: Translate, has: (key: string) => boolean, lang: 'ru' | 'en'): string {
  const named = (group: string, code: string) => (has(`install.${group}.${code}`) ? t(`install.${group}.${code}`) : code)
  switch (step.kind) {
    case 'bind':
      return t('install.step.bind', { title: step.target.titles[lang], placement: named('placement', step.target.placement) })
    case 'field':
      return t('install.step.field', { label: step.def.label[lang], entity: named('entity', step.def.entity) })
    case 'items':
      return t('install.step.items', { label: step.def.label[lang], entity: named('entity', step.def.entity), count: step.items.length })
    case 'options':
      return t('install.step.options', { count: Object.keys(step.options).length })
    case 'event':
      return t('install.step.event', { event: named('event', step.event) })
    case 'pipeline': {
      const inner = step.step
      if (inner.kind === 'pipeline') return t('install.step.pipeline', { name: inner.name })
      if (inner.kind === 'stage-rename') return t('install.step.stageRename', { from: inner.from, name: inner.spec.name })
      if (inner.kind === 'stage-add') return t('install.step.stageAdd', { name: inner.spec.name })
      return t('install.step.stageDelete', { name: inner.name })
    }
  }
}
