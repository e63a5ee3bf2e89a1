/**
 * What the composer's context meter needs from the host, sent when the conversation, the attachments, the model or
 * the settings change. The webview adds the text being typed itself (`shared/contextBudget`), so typing never waits
 * for the host.
 */
import type { TurnSize } from './contextBudget';

/** Where the window's size comes from. */
export type WindowSourceName = 'conversation' | 'settings' | 'model' | 'ollama';

/** Whether the thinking switch applies: on/off for a thinking model; `unsupported`; `unknown` without `/api/show`. */
export type ThinkingState = 'on' | 'off' | 'unsupported' | 'unknown';

/** One message of the history: its calibrated tokens and its first words (to name it when it would be left out). */
export interface MeterTurn extends TurnSize {
  words: string;
}

export interface ContextInfo {
  /** The conversation it describes (null: a new one would be started). */
  conversationId: string | null;
  model: string;
  /** False when `/api/show` failed or was too slow: the model's maximum (and so the real limit) is unknown. */
  known: boolean;
  /** The effective `num_ctx` of the next request. */
  numCtx: number;
  source: WindowSourceName;
  /** The model's own maximum context, when known. */
  modelMax?: number;
  /** Real tokens per estimated token in this conversation (1 until a reply told us). */
  ratio: number;
  /** Calibrated tokens of the system prompt. */
  systemTokens: number;
  /** Each message the next prompt would carry (after the system prompt), oldest first. */
  turns: MeterTurn[];
  /** Characters the attached files add to the next message. */
  attachmentChars: number;
  /** What Raise would set `num_ctx` to (double, at most the model's maximum); absent when it cannot grow. */
  raiseTo?: number;
  /** Bytes of memory each token of context takes (the KV cache), when the model's shape is known. */
  kvBytesPerToken?: number;
  thinking: ThinkingState;
}
