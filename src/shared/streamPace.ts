/**
 * The pace of a streamed reply on its way to the view, shared by the extension host (which coalesces the text it
 * posts) and the webview (which coalesces what it draws): a piece of this many characters marks a burst.
 */

/**
 * Characters in one post (about a frame's worth of text) that mark a burst: 60,000 a second at one post per frame,
 * a hundred times what a model generates live on fast hardware. Text comes this fast only when it was already
 * there: a reply read from a buffer, a very fast model, a view catching up.
 */
export const BURST_CHARS = 1_000;
