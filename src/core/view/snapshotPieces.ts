/**
 * A long conversation's snapshot is a large post (200 messages of 2,000 tokens are 1.4 MB), and VS Code carries a
 * post to the webview whole: copied and serialized in the extension host, read in one task by the window (which the
 * webview shares) and cloned again before the view sees any of it. So a view that does not show the conversation yet
 * gets it in pieces: first a snapshot with only the newest messages, which it draws where the user looks at once,
 * then the older messages a piece at a time, each a post of its own that the window reads in a few milliseconds.
 * The view asks for each piece when it has drawn what it has: sent unasked, all the pieces crossed VS Code's
 * channels at once (the extension host, its server and the window all busy on a 2-core machine) while the view was
 * drawing the newest messages, which put them on screen 40–150 ms later.
 */
import type { ChatMessage } from '../../shared/types';

/** Characters of message text up to which a snapshot goes in one post; also about the size of each piece. */
export const PIECE_CHARS = 32_000;

function charsOf(message: ChatMessage): number {
  return message.content.length + (message.thinking?.length ?? 0);
}

/** Where the messages before `end` that fit in {@link PIECE_CHARS} of text start (at least one message). */
function pieceStart(messages: readonly ChatMessage[], end: number): number {
  let chars = 0;
  let from = end;
  while (from > 0 && (from === end || chars + charsOf(messages[from - 1]) <= PIECE_CHARS)) chars += charsOf(messages[--from]);
  return from;
}

/**
 * The messages a snapshot starts with: the newest ones (up to {@link PIECE_CHARS} of text, at least the last one),
 * or all of them when the conversation is about that small (every message fits, or all but one).
 */
export function newestMessages(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  const from = pieceStart(messages, messages.length);
  return from <= 1 ? messages : messages.slice(from);
}

/**
 * The piece of older messages that goes just before the message `before`: up to {@link PIECE_CHARS} of text (at
 * least one message); empty when `before` is the first message, or not one of them.
 */
export function piecePreceding(messages: readonly ChatMessage[], before: string): readonly ChatMessage[] {
  const end = messages.findIndex((m) => m.id === before);
  return end === -1 ? [] : messages.slice(pieceStart(messages, end), end);
}

/** Whether `messages` (the newest ones, or a piece) start after the conversation's first message. */
export function hasEarlier(all: readonly ChatMessage[], messages: readonly ChatMessage[]): boolean {
  return messages.length > 0 && all[0] !== messages[0];
}
