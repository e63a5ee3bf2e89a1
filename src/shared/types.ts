/**
 * Data types shared by the extension host, the webview and the public API.
 * They mirror the DTOs of the original FastAPI backend (`ModelDto`, `Query`, `ChatMessage`, `Conversation`),
 * extended with what a chat UI needs (status, stats, timestamps). No `vscode` import: usable everywhere.
 */

import type { ImageRef } from './images';

/** Who wrote a message. */
export const ROLES = ['user', 'assistant', 'system'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Lifecycle of an assistant message. `streaming` is only seen while a reply arrives (and is persisted as such so a
 * window reload keeps the partial text); on load a `streaming` message without a live request becomes `stopped`.
 */
export const MESSAGE_STATUSES = ['complete', 'stopped', 'error', 'streaming'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Figures from Ollama's final stream chunk, converted from nanoseconds to milliseconds. */
export interface GenerationStats {
  /** Tokens generated (`eval_count`). */
  evalCount: number;
  /** Tokens of the prompt that were evaluated (`prompt_eval_count`). */
  promptEvalCount: number;
  /** Wall time of the whole request on the server (`total_duration`). */
  totalDurationMs: number;
  /** Time spent loading the model (`load_duration`). */
  loadDurationMs: number;
  /** Time spent generating (`eval_duration`). */
  evalDurationMs: number;
  /** `evalCount / evalDuration`, 0 when the duration is unknown. */
  tokensPerSecond: number;
  /** Measured by the extension: from sending the request to the first token. */
  timeToFirstTokenMs?: number;
  /** Why generation ended (`stop`, `length`, …). */
  doneReason?: string;
  /**
   * Our uncalibrated token estimate of the prompt this reply was asked with: `promptEvalCount` divided by it is how
   * far the estimate is off for this conversation's model and text.
   */
  promptEstimate?: number;
}

/** One message of a conversation. */
export interface ChatMessage {
  /** Unique within its conversation. */
  id: string;
  role: Role;
  content: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** The model that wrote it (assistant) or that it was sent to (user). */
  model?: string;
  status?: MessageStatus;
  stats?: GenerationStats;
  /** Reasoning of a thinking model, shown collapsed above the answer. */
  thinking?: string;
  /** For `status: 'error'`: what went wrong, in user words. */
  error?: string;
  /** Something the user should know about this reply, e.g. older messages left out to fit the context window. */
  notice?: string;
  /**
   * Assistant only: the other replies to the same question (Regenerate, Retry), oldest first, without the one shown.
   * The shown reply is the message's own fields; it is what Copy, search and the next prompt use.
   */
  versions?: ReplyVersion[];
  /** Position (0-based) of the shown reply among all of them, i.e. in `versions` with it put back; default: last. */
  versionIndex?: number;
  /** User only: images sent with the message (to a model that can see), stored as files, not in the message. */
  images?: ImageRef[];
  /** User only: the files, selections, problems and folders that went with it (or could not), listed under it. */
  references?: MessageReference[];
  /**
   * User only: the other branches that start at this question (Edit keeps the question as it was and everything
   * after it), oldest first, without the shown one; each is its own version of the question and what followed it.
   * See `shared/messageBranches.ts`.
   */
  branches?: ChatMessage[][];
  /** Position (0-based) of the shown branch among all of them, i.e. in `branches` with it put back; default: last. */
  branchIndex?: number;
}

/** What kind of thing goes with a message: a chip in the composer, a line under the sent message. */
export const ATTACHMENT_KINDS = ['file', 'image', 'selection', 'problems', 'folder'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Something attached to or mentioned in a user message, as listed under it. */
export interface MessageReference {
  /** What the chip said: a path relative to the workspace, or e.g. "Selection in src/a.ts:3-9". */
  name: string;
  kind: AttachmentKind;
  /** True when only the start of it was sent. */
  truncated?: boolean;
  /** Why it was not sent (deleted, binary, unreadable), in user words; the message went without it. */
  missing?: string;
}

/** One reply to a user message: the fields of an assistant message that a Regenerate replaces. */
export type ReplyVersion = Pick<ChatMessage, 'content' | 'timestamp' | 'model' | 'status' | 'stats' | 'thinking' | 'error' | 'notice'>;

/** Per-conversation overrides of the global settings. */
export interface ConversationSettings {
  model?: string;
  systemPrompt?: string;
  temperature?: number;
  numCtx?: number;
  /** False: a thinking model is asked not to think (`think: false`). Undefined: it thinks. */
  think?: boolean;
}

/** A conversation as stored and as returned by the API. */
export interface Conversation {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  messages: ChatMessage[];
  settings?: ConversationSettings;
  /** The name of the Ollama host (of `ollamaChat.hosts`) its requests go to; absent: the default host. */
  host?: string;
}

/** What the history list needs, without the messages. */
export interface ConversationSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** Model of the last assistant message, if any. */
  model?: string;
}

/**
 * A model installed in Ollama. `model` and `version` split the name at the colon (`mistral:latest` →
 * `mistral` + `latest`) like the original backend's `ModelDto`; the rest comes from `/api/tags`.
 */
export interface ModelDto {
  model: string;
  version: string;
  /** Full name as Ollama knows it, e.g. `mistral:latest`. */
  name: string;
  /** Bytes on disk. */
  size: number;
  parameterSize?: string;
  quantization?: string;
  family?: string;
  modifiedAt?: string;
}

/** Stable names of the ways forward offered with an error (buttons in the view and in notifications). */
export const ERROR_ACTION_IDS = ['retry', 'pullModel', 'pickModel', 'openSettings', 'showLog', 'useHost'] as const;
export type ErrorActionId = (typeof ERROR_ACTION_IDS)[number];

/** Stable categories of errors; tests and the webview may rely on them. */
export const ERROR_KINDS = [
  'invalidHost', 'redirected', 'notRunning', 'modelNotFound', 'busy', 'streamBroken', 'badRequest', 'serverError',
  'invalidPrompt', 'replyInProgress', 'unknown',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** An error as the user sees it: plain words and a way forward. */
export interface UserFacingError {
  /** Short category, stable for tests. */
  kind: ErrorKind;
  /** One or two sentences in user words. */
  message: string;
  /** Extra facts (host tried, server's own message). Rendered as text, never as HTML. */
  detail?: string;
  /** `host`: for `useHost`, the name of the host to switch the conversation to. */
  actions: { id: ErrorActionId; label: string; host?: string }[];
}
