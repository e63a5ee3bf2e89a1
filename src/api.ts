/**
 * The extension's public API, returned from `activate()`: the original backend's operations in TypeScript.
 * Other extensions get it with `vscode.extensions.getExtension('ollama-chat-local.ollama-chat').activate()`.
 */
import type { ChatMessage, Conversation, ConversationSummary, ModelDto } from './shared/types';

export type { ChatMessage, Conversation, ConversationSummary, ModelDto };

export interface OllamaChatApi {
  /** Models installed in Ollama now (`GET /api/models`). Rejects with a user-worded error when Ollama is unreachable. */
  listModels(): Promise<ModelDto[]>;
  /** Creates a conversation and shows it (`POST /api/conversation/start`). Rejects a duplicate id. */
  startConversation(id?: string): Promise<Conversation>;
  /**
   * Sends a user message and resolves with the stored assistant reply (`POST /api/conversation/{id}/message`).
   * The reply streams into the chat view when it shows that conversation. A failed or stopped reply resolves too,
   * with `status` `error` or `stopped` and the text that arrived.
   */
  sendMessage(id: string, prompt: string, options?: { model?: string }): Promise<ChatMessage>;
  /** A copy of a conversation (`GET /api/conversation/{id}`), or undefined. */
  getConversation(id: string): Conversation | undefined;
  /** Every conversation, most recently updated first. */
  listConversations(): ConversationSummary[];
  /** Streams a one-shot completion, not stored (`POST /generate`). */
  generate(prompt: string, options?: { model?: string; signal?: AbortSignal }): AsyncIterable<string>;
  /** Stops the reply of one conversation, or of all. The partial reply is kept, marked `stopped`. */
  stop(id?: string): void;
  /**
   * Asks the last reply again, from `options.model` when given (the conversation's model stays as it is); the earlier
   * reply stays as a version. Resolves with the reply when it ends.
   */
  regenerate(id: string, options?: { model?: string }): Promise<ChatMessage>;
  /**
   * Asks user message `messageId` again with `text` as a new branch; the message as it was and everything after it
   * stay as the earlier branch. Resolves with the new reply when it ends.
   */
  editMessage(id: string, messageId: string, text: string): Promise<ChatMessage>;
  /** Shows branch `branch` (0-based) of the edited question `messageId`; resolves with the conversation as shown. */
  selectBranch(id: string, messageId: string, branch: number): Promise<Conversation>;
}
