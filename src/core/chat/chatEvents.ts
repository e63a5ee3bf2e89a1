/** What the chat service tells its listeners (the view relay, tests) when something changed. */
import type { StreamInfo } from '../../shared/protocol';
import type { ChatMessage, UserFacingError } from '../../shared/types';

export type ChatEvent =
  /** A message was added, or replaced whole (final status, stats, error, another version shown). */
  | { type: 'message'; conversationId: string; message: ChatMessage }
  /** New text (and reasoning) appended to a streaming reply. */
  | { type: 'delta'; conversationId: string; messageId: string; content: string; thinking?: string }
  /** A reply started, got its first token, or ended (`null`). */
  | { type: 'stream'; conversationId: string; stream: StreamInfo | null }
  /** The list of conversations changed (titles, order, counts). */
  | { type: 'history' }
  /** Another conversation is shown, or the shown one changed as a whole. */
  | { type: 'active'; conversationId: string | undefined }
  /** The error banner of a conversation (or of none) changed. */
  | { type: 'error'; conversationId: string | undefined; error: UserFacingError | null };
