/**
 * The messages between the extension host and the chat webview, as discriminated unions on `type`.
 * Imported by both bundles. Messages from the webview are untrusted: `parseWebviewMessage` validates them.
 */
import type { ChatMessage, Conversation, ConversationSummary, ErrorActionId, UserFacingError } from './types';

/** Where the reply being generated is. `waiting`: request sent, no token yet (model may be loading). */
export interface StreamInfo {
  conversationId: string;
  messageId: string;
  phase: 'waiting' | 'streaming';
}

/** A file attached to the next message, as the chip in the view shows it. */
export interface AttachmentInfo {
  id: string;
  /** Path relative to the workspace. */
  name: string;
  languageId: string;
  /** Length of the whole file in characters. */
  chars: number;
  /** True when only the start of the file will be sent. */
  truncated: boolean;
}

/**
 * The system prompt the model gets before the shown conversation, and where it comes from: the conversation's own
 * settings, the user's settings, or the workspace's settings (a repository can set it: the user must see it).
 */
export interface SystemPromptInfo {
  text: string;
  source: 'conversation' | 'user' | 'workspace';
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
}

/** Host → webview. */
export type HostMessage =
  | { type: 'snapshot'; state: ViewState }
  /** New text (and reasoning) appended to a streaming assistant message. Coalesced: at most one per frame. */
  | { type: 'delta'; conversationId: string; messageId: string; content: string; thinking?: string }
  /** A message was added to the shown conversation, or replaced whole (final status, stats, error). */
  | { type: 'message'; conversationId: string; message: ChatMessage }
  | { type: 'stream'; stream: StreamInfo | null }
  | { type: 'history'; conversations: ConversationSummary[] }
  | { type: 'error'; error: UserFacingError | null }
  /** Put text in the input box for the user to edit before sending. */
  | { type: 'prefill'; text: string }
  | { type: 'focusInput' }
  | { type: 'attachments'; attachments: AttachmentInfo[] }
  /** Ids of conversations whose title or messages contain `query`, newest first. */
  | { type: 'searchResults'; query: string; ids: string[] };

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'newConversation' }
  | { type: 'openConversation'; id: string }
  | { type: 'renameConversation'; id: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'pickModel' }
  | { type: 'errorAction'; action: ErrorActionId }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string }
  | { type: 'newFile'; code: string; language: string }
  | { type: 'openLink'; href: string }
  | { type: 'regenerate' }
  | { type: 'editAndResend'; messageId: string; text: string }
  /** Show version `version` (0-based) of a reply that has several (Regenerate keeps the earlier ones). */
  | { type: 'selectVersion'; messageId: string; version: number }
  | { type: 'search'; query: string }
  /** Attach the active editor's file, or let the user choose one. */
  | { type: 'attachFile'; source: 'current' | 'pick' }
  | { type: 'removeAttachment'; id: string }
  /** Open this conversation's own settings (model, system prompt, temperature, context window). */
  | { type: 'editSettings' }
  /** Part of the view could not be drawn and is shown as plain text (`what`, e.g. "message 3f2…"); for the log. */
  | { type: 'renderError'; what: string; error: string };

const ERROR_ACTIONS: readonly ErrorActionId[] = ['retry', 'pullModel', 'pickModel', 'openSettings', 'showLog'];

/** Longest text accepted from the webview (a pasted file is fine, a runaway one is not). */
export const MAX_WEBVIEW_TEXT = 4 * 1024 * 1024;

function isText(value: unknown, max = MAX_WEBVIEW_TEXT): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200;
}

/**
 * Returns the message if it is a well-formed `WebviewMessage`, else `undefined`.
 * Only the fields of the known shape are kept, so extra properties never reach the host's logic.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'stop':
    case 'newConversation':
    case 'pickModel':
    case 'regenerate':
    case 'editSettings':
      return { type: m.type };
    case 'attachFile':
      return m.source === 'current' || m.source === 'pick' ? { type: 'attachFile', source: m.source } : undefined;
    case 'removeAttachment':
      return isId(m.id) ? { type: 'removeAttachment', id: m.id } : undefined;
    case 'send':
      return isText(m.text) ? { type: 'send', text: m.text } : undefined;
    case 'openConversation':
    case 'renameConversation':
    case 'deleteConversation':
      return isId(m.id) ? { type: m.type, id: m.id } : undefined;
    case 'errorAction':
      return ERROR_ACTIONS.includes(m.action as ErrorActionId)
        ? { type: 'errorAction', action: m.action as ErrorActionId }
        : undefined;
    case 'copy':
      return isText(m.text) ? { type: 'copy', text: m.text } : undefined;
    case 'insertCode':
      return isText(m.code) ? { type: 'insertCode', code: m.code } : undefined;
    case 'newFile':
      return isText(m.code) && isText(m.language, 100)
        ? { type: 'newFile', code: m.code, language: m.language }
        : undefined;
    case 'openLink':
      return isText(m.href, 8192) ? { type: 'openLink', href: m.href } : undefined;
    case 'editAndResend':
      return isId(m.messageId) && isText(m.text)
        ? { type: 'editAndResend', messageId: m.messageId, text: m.text }
        : undefined;
    case 'selectVersion':
      return isId(m.messageId) && Number.isSafeInteger(m.version) && (m.version as number) >= 0
        ? { type: 'selectVersion', messageId: m.messageId, version: m.version as number }
        : undefined;
    case 'search':
      return isText(m.query, 1000) ? { type: 'search', query: m.query } : undefined;
    case 'renderError':
      return isText(m.what, 300) && isText(m.error, 2000) ? { type: 'renderError', what: m.what, error: m.error } : undefined;
    default:
      return undefined;
  }
}

/** Compile-time exhaustiveness check for `switch` over a union. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
