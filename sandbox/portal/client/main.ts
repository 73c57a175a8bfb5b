import { initLogPanel } from './message-log'
import { startMessageRouter } from './message-router'
import { initSwitches, initTabs, launchVisibleFrames } from './page'

// The parent page's script: plays the portal's side of the frame protocol.
startMessageRouter()
initLogPanel()
initSwitches()
initTabs()
launchVisibleFrames()
