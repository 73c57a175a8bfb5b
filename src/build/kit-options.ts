/**
 * The kit's Vite plugin options without Nuxt, for the app's build and the bench's «Vue + kit» reference
 * page alike: `componentDetection` names the kit components a build uses.
 */
export function kitOptions(componentDetection: string[]) {
  return {
    router: false,
    colorMode: false,
    // The kit's vue-plugin registers every prose component (and with them motion-v,
    // reka-ui, dozens of icons) unless both are off; the app renders no markdown.
    prose: false,
    mdc: false,
    // Components and composables are imported explicitly: smaller, greppable.
    components: false,
    autoImport: false,
    // Theme classes only for the kit components in use (and the ones those render): the rest are
    // written unstyled, so Tailwind's scan of the theme emits no CSS for them.
    experimental: { componentDetection },
  } as const
}
