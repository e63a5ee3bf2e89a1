/**
 * Conversations to Markdown and JSON, and JSON files back: size-limited, strict UTF-8, validated like stored data.
 * Pure, for unit tests.
 */
import { markInterrupted, MAX_ID_LENGTH, validateConversation } from './conversationSchema';
import { shownVersion, versionCount } from '../../shared/replyVersions';
import { branchCount, hasBranches, shownBranch } from '../../shared/messageBranches';
import type { ChatMessage, Conversation, ReplyVersion } from '../../shared/types';
import { formatBytes } from '../../shared/images';

/** The `format` tag written into JSON exports and required on import. */
export const EXPORT_FORMAT = 'ollama-chat-conversation';
export const EXPORT_VERSION = 1;
/** Largest file an import reads (10 MB): far above any real conversation, and a stored conversation is rewritten on every change. */
export const MAX_IMPORT_BYTES = 10_000_000;

function when(timestamp: number): string {
  return timestamp ? ` — ${new Date(timestamp).toISOString().replace('T', ' ').slice(0, 16)} UTC` : '';
}

function outcome(v: ReplyVersion): string {
  return v.status === 'stopped' ? ' — stopped' : v.status === 'error' ? ' — failed' : '';
}

function heading(m: ChatMessage): string {
  const who = m.role === 'user' ? 'You' : m.role === 'assistant' ? `Assistant${m.model ? ` (${m.model})` : ''}` : 'System';
  const version = m.versions ? ` — version ${shownVersion(m) + 1} of ${versionCount(m)} (shown)` : '';
  const branch = m.branches ? ` — branch ${shownBranch(m) + 1} of ${branchCount(m)} (shown)` : '';
  return `### ${who}${when(m.timestamp)}${outcome(m)}${version}${branch}`;
}

/** Reasoning, text and error of one reply (or of any message). */
function body(v: ReplyVersion): string[] {
  const parts: string[] = [];
  if (v.thinking) parts.push('<details><summary>Thinking</summary>', '', v.thinking, '', '</details>', '');
  parts.push(v.content || '_(no text)_');
  if (v.error) parts.push('', `> ${v.error}`);
  return parts;
}

/** The other versions of a reply, each under its position among all of them. */
function otherVersions(m: ChatMessage): string[] {
  const parts: string[] = [];
  const shown = shownVersion(m);
  m.versions?.forEach((v, i) => {
    const position = i < shown ? i + 1 : i + 2;
    parts.push('', `#### Version ${position} of ${versionCount(m)}${v.model ? ` — ${v.model}` : ''}${when(v.timestamp)}${outcome(v)}`, '', ...body(v));
  });
  return parts;
}

/** Images are not in a Markdown transcript (it is one untitled document); it names them and says where they are kept. */
function imageNote(m: ChatMessage): string[] {
  if (!m.images?.length) return [];
  const names = m.images.map((i) => `${i.name ?? 'image'} (${formatBytes(i.bytes)})`).join(', ');
  return ['', `_Sent with ${m.images.length === 1 ? 'an image' : `${m.images.length} images`}: ${names}. Images are not included in a Markdown export; export as JSON to keep them._`];
}

/**
 * A readable Markdown transcript of the conversation as shown, with every instruction the model was given and every
 * version of each reply. Only the shown branch of an edited question is written; a note says where the others are.
 */
export function toMarkdown(c: Conversation): string {
  const parts = [`# ${c.title}`, '', `_Exported from Ollama Chat; created ${new Date(c.createdAt).toISOString().slice(0, 10)}._`];
  const systemPrompt = c.settings?.systemPrompt;
  if (systemPrompt) parts.push('', '**System prompt** of this conversation (sent to the model first):', '', systemPrompt.split('\n').map((l) => `> ${l}`).join('\n'));
  for (const m of c.messages) parts.push('', heading(m), '', ...body(m), ...imageNote(m), ...otherVersions(m));
  if (hasBranches(c.messages)) {
    parts.push('', '---', '', '_This transcript follows the branch shown in the chat. The other branches (questions that were edited, and what followed them) are kept in the conversation; export it as JSON to keep them all._');
  }
  return `${parts.join('\n')}\n`;
}

/**
 * A JSON document that `parseExport` reads back; `images` (base64 by hash, see `exportImages.ts`) go in it when the
 * conversation has any.
 */
export function toJson(c: Conversation, images?: Record<string, unknown>): string {
  const doc = { format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation: c, ...(images && Object.keys(images).length ? { images } : {}) };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Throws in user words when a file of `bytes` bytes is too large to import (checked before reading it); `max` is
 * larger for a file that may carry images.
 */
export function checkImportSize(bytes: number, max = MAX_IMPORT_BYTES): void {
  if (bytes <= max) return;
  throw new Error(`The file is ${(bytes / 1_000_000).toFixed(1)} MB; an import can be at most ${(max / 1_000_000).toFixed(0)} MB. Choose a file saved with "Export Conversation…" (one conversation per file).`);
}

/** Length of the well-formed UTF-8 sequence starting at `i` (Unicode table 3-7), or 0 if there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b <= 0x7f) return 1;
  // [length, allowed range of the second byte]; later bytes are always 0x80–0xBF.
  const rule: [number, number, number] | undefined =
    b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
      : b === 0xe0 ? [3, 0xa0, 0xbf]
        : b === 0xed ? [3, 0x80, 0x9f] // no UTF-16 surrogates
          : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
            : b === 0xf0 ? [4, 0x90, 0xbf]
              : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf]
                : b === 0xf4 ? [4, 0x80, 0x8f] // nothing above U+10FFFF
                  : undefined;
  if (!rule) return 0;
  const [length, low, high] = rule;
  if (i + length > bytes.length || bytes[i + 1] < low || bytes[i + 1] > high) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/**
 * The text of a UTF-8 file. Throws in user words, with the byte offset of the first invalid sequence, rather than
 * letting invalid bytes silently become U+FFFD (which would change the conversation without anyone seeing it).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let i = 0;
    while (i < bytes.length) {
      const length = utf8SequenceLength(bytes, i);
      if (!length) break;
      i += length;
    }
    const shown = [...bytes.subarray(i, i + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
    throw new Error(`The file is not valid UTF-8 text: the bytes at byte ${i} (${shown}) are not a character. Save it as UTF-8 and import it again.`);
  }
}

/**
 * Reads a JSON export; throws an Error in user words when the text is not one. Field problems are repaired and
 * reported to `log`; a reply that was streaming when it was exported is imported as stopped.
 */
export function parseExport(text: string, log: (message: string) => void = () => undefined): Conversation {
  return conversationFromExport(parseJson(text), log);
}

/** The parsed JSON of an export file; throws in user words when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON. Choose a file saved with "Export Conversation…" as JSON.');
  }
}

/** The conversation of a parsed export document (see `parseExport`). */
export function conversationFromExport(data: unknown, log: (message: string) => void = () => undefined): Conversation {
  const doc = data as { format?: unknown; conversation?: { id?: unknown } };
  if (typeof data !== 'object' || data === null || doc.format !== EXPORT_FORMAT) {
    throw new Error('The file is not an Ollama Chat conversation export.');
  }
  const id = typeof doc.conversation?.id === 'string' ? doc.conversation.id.slice(0, MAX_ID_LENGTH) : '';
  const conversation = validateConversation(doc.conversation, id, log);
  if (!conversation) throw new Error('The conversation in the file has no readable messages.');
  const stopped = markInterrupted(conversation);
  if (stopped) log(`Conversation ${id}: imported ${stopped} reply(ies) that were still being written as stopped.`);
  return conversation;
}
