/** A performance mark at the end of the frame's handshake: `npm run bench -- content` reads when the portal answered. */
export const FRAME_READY_MARK = 'b24-frame-ready'

/**
 * A performance mark when the Vue app's modules run (src/app.ts): after the frame's handshake and
 * the screen's first batch, which they would otherwise hold back (src/main.ts); the browser tests check the order.
 */
export const APP_RAN_MARK = 'b24-app-ran'
