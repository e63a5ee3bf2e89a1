/**
 * The plain-text floor's ids and messages, shared by its extension, its webview and the benchmark that drives it
 * (kept apart from the extension, which imports `vscode`).
 */

export const FLOOR_EXTENSION_ID = 'ollama-chat-bench.floor';
export const FLOOR_VIEW_ID = 'ollamaChatBenchFloor.view';
/** Title of its activity-bar container, which the benchmark clicks. */
export const FLOOR_CONTAINER_TITLE = 'Plain-text floor';

/** Host → webview: the whole reply so far (after `ready`), or the text that arrived since the last post. */
export type FloorHostMessage = { type: 'show'; text: string } | { type: 'append'; text: string };

/** Webview → host. */
export type FloorViewMessage = { type: 'ready' } | { type: 'send'; text: string };
