import { z } from 'zod/mini'

/*
 * Pieces the domain's schemas share, in zod/mini's functional form (the app's schemas use
 * zod/mini: the same checks as zod's chained API, without its methods and locale in every tab).
 */

/** A text with the spaces around it dropped. */
export const trimmedString = () => z.pipe(z.string(), z.transform((input) => input.trim()))

/** An issue raised inside a transform: zod/mini's transform context has no `addIssue`, so it goes straight into the list. */
export function transformIssue(ctx: z.core.ParsePayload, message: string, path: PropertyKey[] = []): typeof z.NEVER {
  ctx.issues.push({ code: 'custom', message, path, input: ctx.value })
  return z.NEVER
}
