/**
 * A long conversation's snapshot is a large post (200 messages of 2,000 tokens are 1.4 MB), and VS Code carries a
 * post to the webview whole: compressed in the extension host, decompressed and cloned twice in the window before
 * the view sees any of it, about half a second on a small machine. So such a snapshot goes out twice: first with only
 * the newest messages, which the view draws where the user looks at once, then whole; the view re-uses what it drew
 * (a snapshot is drawn idempotently) and adds the older messages above.
 */
import type { ViewState } from '../../shared/protocol';
import type { ChatMessage } from '../../shared/types';

/** Characters of message text up to which a snapshot goes in one post; also about the size of the first of two. */
export const HEAD_CHARS = 32_000;

function charsOf(message: ChatMessage): number {
  return message.content.length + (message.thinking?.length ?? 0);
}

/**
 * The snapshot with only the newest messages (up to {@link HEAD_CHARS} of text, at least the last one), or
 * undefined when the whole conversation is that small: then the snapshot goes in one post.
 */
export function snapshotHead(state: ViewState): ViewState | undefined {
  const conversation = state.conversation;
  if (!conversation) return undefined;
  const { messages } = conversation;
  let chars = 0;
  let from = messages.length;
  while (from > 0 && (from === messages.length || chars + charsOf(messages[from - 1]) <= HEAD_CHARS)) {
    chars += charsOf(messages[--from]);
  }
  // Every message fits, or all but one: one post.
  if (from <= 1) return undefined;
  return { ...state, conversation: { ...conversation, messages: messages.slice(from) } };
}
