import { defineAsyncComponent, type Component } from 'vue'
import PartLoadFailed from './PartLoadFailed.vue'
import PartLoading from './PartLoading.vue'

/**
 * A part of a screen that shows only after a person asks for it (a tab of a page, a dialog), loaded
 * when it is first rendered: its code and the kit controls only it uses stay out of what every open of
 * the screen loads (issue 14: keep the kit's weight to what is on screen). Not for a part the screen
 * shows at open on some records: that would only add a round trip there. `npm run size` leaves the
 * parts loaded here out of a tab's first JS (scripts/size-report.ts reads this function's name).
 * A skeleton stands in while it loads; a failed load says so in the user's language.
 */
export function lazyPart<T extends Component>(loader: () => Promise<{ default: T }>): T {
  return defineAsyncComponent({ loader, loadingComponent: PartLoading, errorComponent: PartLoadFailed, delay: 0 })
}
