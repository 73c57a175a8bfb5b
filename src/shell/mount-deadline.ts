/** How long the page's entry waits for the portal's handshake answer before it runs the app and shows the loading screen. */
export const MOUNT_DEADLINE_MS = 200
