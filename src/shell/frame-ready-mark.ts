/** A performance mark at the end of the frame's handshake: `npm run bench -- content` reads when the portal answered. */
export const FRAME_READY_MARK = 'b24-frame-ready'
