/**
 * The messages between the extension host and the chat webview, as discriminated unions on `type`.
 * Imported by both bundles. Messages from the webview are untrusted: `parseWebviewMessage` validates them.
 */
import type { AttachmentKind, ChatMessage, Conversation, ConversationSummary, ErrorActionId, UserFacingError } from './types';
import { ERROR_ACTION_IDS } from './types';
import type { ImageRef } from './images';
import { MAX_IMAGE_BYTES } from './images';
import type { ContextInfo } from './contextInfo';

/** Where the reply being generated is. `waiting`: request sent, no token yet (model may be loading). */
export interface StreamInfo {
  conversationId: string;
  messageId: string;
  phase: 'waiting' | 'streaming';
}

/** A file attached to the next message, as the chip in the view shows it. */
export interface AttachmentInfo {
  id: string;
  /** Default: `file`. */
  kind?: AttachmentKind;
  /** For `kind: 'image'`: the stored image (the chip shows it as a thumbnail). */
  image?: ImageRef;
  /** Path relative to the workspace. */
  name: string;
  languageId: string;
  /** Length of the whole file in characters. */
  chars: number;
  /** True when only the start of the file will be sent. */
  truncated: boolean;
  /** A mention: read when the message is sent, so its size is not known yet (`chars` is 0). */
  readOnSend?: boolean;
}

/** What opens a list of suggestions in the composer: `@` or `#` (mentions), `/` at the start (templates). */
export type SuggestTrigger = '@' | '#' | '/';

/** One row of the composer's suggestion list. */
export interface Suggestion {
  /** For `addMention`; for a template, its name. */
  id: string;
  /** What the row says, e.g. `src/chat.ts` or `/explain`. */
  label: string;
  /** Smaller text beside it: the folder, the template's description and where it comes from. */
  detail: string;
  kind: AttachmentKind | 'editor' | 'template';
  /** A template that cannot be used as it is, and why (e.g. an unknown placeholder). */
  problem?: string;
}

/**
 * The system prompt the model gets before the shown conversation, and where it comes from: the conversation's own
 * settings, the user's settings, or the workspace's settings (a repository can set it: the user must see it).
 */
export interface SystemPromptInfo {
  text: string;
  source: 'conversation' | 'user' | 'workspace';
}

/** Whether the model new messages go to can be given images: `canSee` is null while Ollama has not said. */
export interface ImageInputState {
  model: string;
  canSee: boolean | null;
}

/** Everything the view needs to draw itself from nothing (sent after `ready` and whenever the view is shown). */
export interface ViewState {
  conversation: Conversation | null;
  conversations: ConversationSummary[];
  /** Model new messages go to. */
  model: string;
  stream: StreamInfo | null;
  /** An error not attached to a message (e.g. Ollama unreachable at start-up). */
  error: UserFacingError | null;
  /** Files that go with the next message. */
  attachments: AttachmentInfo[];
  /** The system prompt sent with the shown conversation, or null when there is none. */
  systemPrompt: SystemPromptInfo | null;
  /** Whether images can be attached for the model shown (absent: not known yet). */
  imageInput?: ImageInputState;
  /** The URL of the folder the view loads stored images from (`imageFileName` appended); absent when there is none. */
  imageBase?: string;
}

/** Host → webview. */
export type HostMessage =
  /**
   * What to show. `earlier`: the conversation has older messages than those sent (a long one goes newest first); the
   * view asks for them with `earlierMessages` once it has drawn these.
   */
  | { type: 'snapshot'; state: ViewState; earlier?: boolean }
  /**
   * The answer to the view's `earlierMessages`: older messages of the shown conversation, which go just before the
   * message `before` (the first one the view has); `earlier`: there are older ones still.
   */
  | { type: 'earlierMessages'; conversationId: string; before: string; messages: ChatMessage[]; earlier: boolean }
  /** New text (and reasoning) appended to a streaming assistant message. Coalesced: at most one per frame. */
  | { type: 'delta'; conversationId: string; messageId: string; content: string; thinking?: string }
  /** A message was added to the shown conversation, or replaced whole (final status, stats, error). */
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'stream'; stream: StreamInfo | null }
  | { type: 'history'; conversations: ConversationSummary[] }
  | { type: 'error'; error: UserFacingError | null }
  | { type: 'focusInput' }
  | { type: 'attachments'; attachments: AttachmentInfo[] }
  | { type: 'imageInput'; imageInput: ImageInputState }
  /** An image could not be attached (too big, not an image, unreadable): said next to the message box. */
  | { type: 'imageNotice'; text: string }
  /** Ids of conversations whose title or messages contain `query`, newest first. */
  | { type: 'searchResults'; query: string; ids: string[] }
  /** The context meter's base: sent when the conversation, the attachments, the model or the settings change. */
  | { type: 'context'; context: ContextInfo }
  /** The answer to `suggest` number `requestId` (the view shows only the latest). */
  | { type: 'suggestions'; requestId: number; items: Suggestion[] }
  /** A message that was not sent (e.g. a template could not be filled in) goes back into the message box. */
  | { type: 'restoreDraft'; text: string };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'newConversation' }
  | { type: 'openConversation'; id: string }
  /** The piece of older messages of the shown conversation that goes before the message `before` (see `snapshot`). */
  | { type: 'earlierMessages'; conversationId: string; before: string }
  | { type: 'renameConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'pickModel' }
  /** `host`: for `useHost`, the name of the host to switch to. */
  | { type: 'errorAction'; action: ErrorActionId; host?: string }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string }
  | { type: 'newFile'; code: string; language: string }
  /** Show a code block of reply `messageId` applied to its target, as a diff to accept or reject. */
  | { type: 'applyCode'; code: string; messageId: string }
  | { type: 'openLink'; href: string }
  | { type: 'regenerate' }
  | { type: 'editAndResend'; messageId: string; text: string }
  /** Show version `version` (0-based) of a reply that has several (Regenerate keeps the earlier ones). */
  | { type: 'selectVersion'; messageId: string; version: number }
  /** Show branch `branch` (0-based) of a question that was edited (Edit keeps the earlier branch). */
  | { type: 'selectBranch'; messageId: string; branch: number }
  /** Regenerate the last reply with a model the user picks ("Regenerate with…"). */
  | { type: 'regenerateWith' }
  | { type: 'search'; query: string }
  /** Attach the active editor's file, or let the user choose one. */
  | { type: 'attachFile'; source: 'current' | 'pick' }
  | { type: 'removeAttachment'; id: string }
  /** A pasted or dropped image: its file name and its bytes in base64 (checked again by the host). */
  | { type: 'addImage'; name: string; data: string }
  /** Let the user choose images in a file dialog. */
  | { type: 'attachImage' }
  /** What to list after `@`, `#` or a leading `/` typed in the composer, filtered by `query`. */
  | { type: 'suggest'; trigger: SuggestTrigger; query: string; requestId: number }
  /** Attach suggestion `id` of the latest `suggestions` as a chip (its content is read when the message is sent). */
  | { type: 'addMention'; id: string }
  /** Open this conversation's own settings (model, system prompt, temperature, context window). */
  | { type: 'editSettings' }
  /** Continue the last reply, which stopped at the length limit. */
  | { type: 'continueReply'; messageId: string }
  /** Double this conversation's context window (at most to the model's maximum). */
  | { type: 'raiseContext' }
  /** Let this conversation's thinking model think, or not (`think: false`). */
  | { type: 'setThinking'; on: boolean }
  /** Part of the view could not be drawn and is shown as plain text (`what`, e.g. "message 3f2…"); for the log. */
  | { type: 'renderError'; what: string; error: string };

/** Longest text accepted from the webview (a pasted file is fine, a runaway one is not). */
export const MAX_WEBVIEW_TEXT = 4 * 1024 * 1024;

function isText(value: unknown, max = MAX_WEBVIEW_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

/** Longest base64 text of an image within the size limit. */
const MAX_IMAGE_BASE64 = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

/** The fields of the webview message of type `T`, besides `type`. */
type Fields<T extends WebviewMessage['type']> = Omit<Extract<WebviewMessage, { type: T }>, 'type'>;

/** Reads the fields of one type of message from what the webview posted; undefined when they are not well-formed. */
type FieldParser<T extends WebviewMessage['type']> = (m: Record<string, unknown>) => Fields<T> | undefined;

const none = () => ({});

/**
 * One parser per type of webview message. The compiler checks that every type has one and that each returns exactly
 * the fields of its type: a new message type does not compile until it is parsed here.
 */
const PARSERS = {
  ready: none,
  stop: none,
  newConversation: none,
  pickModel: none,
  regenerate: none,
  regenerateWith: none,
  editSettings: none,
  attachImage: none,
  addImage: (m) => (isText(m.name, 300) && isText(m.data, MAX_IMAGE_BASE64) ? { name: m.name, data: m.data } : undefined),
  raiseContext: none,
  continueReply: (m) => (isId(m.messageId) ? { messageId: m.messageId } : undefined),
  setThinking: (m) => (typeof m.on === 'boolean' ? { on: m.on } : undefined),
  send: (m) => (isText(m.text) ? { text: m.text } : undefined),
  openConversation: (m) => (isId(m.id) ? { id: m.id } : undefined),
  earlierMessages: (m) => (isId(m.conversationId) && isId(m.before) ? { conversationId: m.conversationId, before: m.before } : undefined),
  renameConversation: (m) => (isId(m.id) ? { id: m.id } : undefined),
  deleteConversation: (m) => (isId(m.id) ? { id: m.id } : undefined),
  removeAttachment: (m) => (isId(m.id) ? { id: m.id } : undefined),
  attachFile: (m) => (m.source === 'current' || m.source === 'pick' ? { source: m.source } : undefined),
  errorAction: (m) => (!ERROR_ACTION_IDS.includes(m.action as ErrorActionId) ? undefined
    : isText(m.host, 100) ? { action: m.action as ErrorActionId, host: m.host } : { action: m.action as ErrorActionId }),
  copy: (m) => (isText(m.text) ? { text: m.text } : undefined),
  insertCode: (m) => (isText(m.code) ? { code: m.code } : undefined),
  newFile: (m) => (isText(m.code) && isText(m.language, 100) ? { code: m.code, language: m.language } : undefined),
  applyCode: (m) => (isText(m.code) && isId(m.messageId) ? { code: m.code, messageId: m.messageId } : undefined),
  openLink: (m) => (isText(m.href, 8192) ? { href: m.href } : undefined),
  editAndResend: (m) => (isId(m.messageId) && isText(m.text) ? { messageId: m.messageId, text: m.text } : undefined),
  selectVersion: (m) => (isId(m.messageId) && Number.isSafeInteger(m.version) && (m.version as number) >= 0
    ? { messageId: m.messageId, version: m.version as number } : undefined),
  selectBranch: (m) => (isId(m.messageId) && Number.isSafeInteger(m.branch) && (m.branch as number) >= 0
    ? { messageId: m.messageId, branch: m.branch as number } : undefined),
  search: (m) => (isText(m.query, 1000) ? { query: m.query } : undefined),
  suggest: (m) => ((m.trigger === '@' || m.trigger === '#' || m.trigger === '/') && isText(m.query, 300) && Number.isSafeInteger(m.requestId)
    ? { trigger: m.trigger, query: m.query, requestId: m.requestId as number } : undefined),
  addMention: (m) => (isId(m.id) ? { id: m.id } : undefined),
  renderError: (m) => (isText(m.what, 300) && isText(m.error, 2000) ? { what: m.what, error: m.error } : undefined),
} satisfies { [T in WebviewMessage['type']]: FieldParser<T> };

/**
 * Returns the message if it is a well-formed `WebviewMessage`, else `undefined`.
 * Only the fields of the known shape are kept, so extra properties never reach the host's logic.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m.type !== 'string' || !Object.hasOwn(PARSERS, m.type)) return undefined;
  const type = m.type as WebviewMessage['type'];
  const fields = (PARSERS[type] as FieldParser<typeof type>)(m);
  return fields ? ({ type, ...fields } as WebviewMessage) : undefined;
}

/** Compile-time exhaustiveness check for `switch` over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
