import type { MessageCompiler, MessageContext, MessageFunction } from '@intlify/core-base'

/*
 * The app's texts use one piece of vue-i18n's message syntax: `{name}` placeholders (and
 * `{0}` for a list). vue-i18n's own compiler (about 5 KB gzipped in every tab) reads the whole
 * syntax — plurals `a | b`, links `@:key`, literals `{'{'}` — at run time; the build drops it
 * (`__INTLIFY_DROP_MESSAGE_COMPILER__`, vite.config.ts) and this one is registered instead
 * (src/ui/i18n.ts). test/unit/texts/message-compiler.spec.ts renders every text of the app with
 * both and finds no difference, so a text that needs more of the syntax fails there first.
 */

type Part = string | { named: string } | { list: number }

/** The context vue-i18n hands a message: besides its public API, the two calls its own compiled messages make. */
interface RenderContext extends MessageContext<string> {
  interpolate(value: unknown): unknown
  normalize(values: unknown[]): string
}

/** `{name}`, `{ name }` or `{0}`: a name as vue-i18n's tokenizer reads one (letters, digits, `_`, `$`, `-`). */
const PLACEHOLDER = /\{\s*(?:([A-Za-z_$][\w$-]*)|(\d+))\s*\}/g

/** The text's pieces: plain text between placeholders, and the placeholders. */
export function messageParts(source: string): Part[] {
  const parts: Part[] = []
  let at = 0
  for (const match of source.matchAll(PLACEHOLDER)) {
    if (match.index > at) parts.push(source.slice(at, match.index))
    parts.push(match[1] !== undefined ? { named: match[1] } : { list: Number(match[2]) })
    at = match.index + match[0].length
  }
  if (at < source.length || parts.length === 0) parts.push(source.slice(at))
  return parts
}

function partValue(ctx: RenderContext, part: Part): unknown {
  if (typeof part === 'string') return part
  return ctx.interpolate('named' in part ? ctx.named(part.named) : ctx.list(part.list))
}

const compiled = new Map<string, MessageFunction<string>>()

/** A message function for a text of the locale files (a function given as a message is used as it is by vue-i18n). */
export const compileMessage: MessageCompiler<string, unknown> = (source) => {
  const text = typeof source === 'string' ? source : ''
  let message = compiled.get(text)
  if (!message) {
    const parts = messageParts(text)
    message = ((ctx: RenderContext) => ctx.normalize(parts.map((part) => partValue(ctx, part)))) as MessageFunction<string>
    compiled.set(text, message)
  }
  return message
}
