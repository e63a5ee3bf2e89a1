/**
 * The two chat views the benchmarks drive as a user would: Ollama Chat (the shipping extension) and the plain-text
 * floor. Each says where its prompt box is, how to start from an empty reply, and what "the whole reply is on
 * screen" looks like in it.
 */
import type { Frame } from 'playwright-core';
import { FLOOR_CONTAINER_TITLE, FLOOR_EXTENSION_ID } from '../floor/protocol';
import type { Sight } from './recorder';

export interface ChatView {
  /** How the figures name it. */
  label: string;
  extensionId: string;
  /** Title of its activity-bar container. */
  container: string;
  /** In the webview once it has drawn itself. */
  drawn: string;
  /** The prompt box (Enter sends). */
  input: string;
  /** Prepares a run in the shown view (a new conversation, for Ollama Chat). */
  clear(frame: Frame): Promise<void>;
  /** Some of the reply is on screen. */
  firstText: Sight;
  /** The whole reply (of `length` characters of source text) is on screen. */
  wholeReply(length: number): Sight;
}

/** A message of Ollama Chat's conversation (the system prompt shown above the conversation is not one). */
export const CHAT_MESSAGE = '.message-log > .message';
/** One that is drawn: formatted, not still being drawn (`aria-busy`) nor shown as unformatted text for now. */
export const DRAWN_CHAT_MESSAGE = `${CHAT_MESSAGE}:not([aria-busy="true"]):not(:has(.markdown-pending))`;

export const OLLAMA_CHAT: ChatView = {
  label: 'Ollama Chat',
  extensionId: 'ollama-chat-local.ollama-chat',
  container: 'Ollama Chat',
  drawn: '.message-log',
  input: 'textarea.composer-input',
  async clear(frame) {
    await frame.getByRole('button', { name: 'New conversation' }).click();
    await frame.waitForSelector(CHAT_MESSAGE, { state: 'detached' });
  },
  firstText: { selector: '.message-assistant .markdown-body', textLength: 1 },
  // The host's final message turns the reply `complete`; the view is busy (`aria-busy`) until all of it is drawn.
  wholeReply: () => ({ selector: '.message-assistant[data-status="complete"][aria-busy="false"]', count: 1 }),
};

export const PLAIN_TEXT_FLOOR: ChatView = {
  label: 'plain-text floor',
  extensionId: FLOOR_EXTENSION_ID,
  container: FLOOR_CONTAINER_TITLE,
  drawn: '#reply',
  input: '#prompt',
  async clear() {
    // Each prompt replaces the reply shown.
  },
  firstText: { selector: '#reply', textLength: 1 },
  // Plain text: the reply is there when all its characters are.
  wholeReply: (length) => ({ selector: '#reply', textLength: length }),
};

export const VIEWS = [OLLAMA_CHAT, PLAIN_TEXT_FLOOR] as const;
