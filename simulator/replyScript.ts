/** What one reply of the simulator is made of (queued by a test, the default, or a prompt marker's). */
import type { Fault } from './faults';
import type { SimulatedToolCall } from './tools';

/** How the simulator answers one chat/generate request. */
export interface ReplyScript {
  /** Full reply; default: `defaultReply` of the prompt (replies.ts). */
  text?: string;
  /** Explicit chunks (overrides `text`); default: `text` split by `splitIntoTokens` (replies.ts). */
  tokens?: string[];
  /**
   * Streamed as `message.thinking` (`thinking` for generate) before the content, unless the request says
   * `think: false`. Default: `defaultThinking` (replies.ts) when the request asks `think: true`, else none.
   */
  thinking?: string;
  /**
   * Tool calls the model makes after the text (if any; a script with tool calls and no `text` has no content). Sent
   * only when the request offers tools, as Ollama parses tool calls only then.
   */
  toolCalls?: SimulatedToolCall[];
  /** Delay before the response headers and first chunk (simulates a model load). */
  firstTokenDelayMs?: number;
  /** Delay between chunks (0 = as fast as possible, still one write per chunk). */
  tokenDelayMs?: number;
  fault?: Fault;
  /** Write each line holding a multi-byte UTF-8 character as two TCP writes that split that character. */
  splitUtf8?: boolean;
}
