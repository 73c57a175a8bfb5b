import { createRequestCounter, exposeRequestCounter } from './b24/request-counter'
import { boot } from './shell/boot'
import { showAppLoadFailure } from './shell/app-load-failure'
import { MOUNT_DEADLINE_MS } from './shell/mount-deadline'
import { localeBeforeFrame } from './ui/locale'

// The page's first script holds the SDK and the boot only, not Vue or the kit: the frame's handshake
// and the screen's first batch start as soon as it has run, while the Vue app (src/app.ts), its
// styles and the widget's chunk still download (the page's preload links fetch them meanwhile).
const requests = createRequestCounter()
exposeRequestCounter(requests)
const early = boot(window.location.search, requests)

// The app's modules run once the portal has answered the handshake and the screen's batch has left
// (their files were fetched meanwhile by the page's preload links): run during the handshake, they
// held the portal's answer back. The first render (a long task: the kit's root builds its class
// merger and toaster) follows in a task of its own. A portal slow to answer gets the loading screen
// after MOUNT_DEADLINE_MS.
const answeredOrLate = Promise.race([early, new Promise((resolve) => setTimeout(resolve, MOUNT_DEADLINE_MS))])
void answeredOrLate
  .catch(() => undefined)
  .then(() => import('./app'))
  .then(
    ({ mountApp }) => setTimeout(() => mountApp('#app', early, requests), 0),
    async () => {
      const booted = await early.catch(() => undefined)
      showAppLoadFailure(document.querySelector('#app'), booted?.locale ?? localeBeforeFrame(window.location.search, navigator.language))
    },
  )
