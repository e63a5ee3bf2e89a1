/**
 * Files attached to the next message: shown as chips in the chat view, sent as fenced blocks after the text.
 * Pure, for unit tests; the commands read the files.
 */
import type { AttachmentInfo } from '../../shared/protocol';
import { cutAtLine, fenceFor, fenceTag } from './codeFence';

/** Attachments longer than this are cut (about 12k tokens), and the chip says so. */
export const MAX_ATTACHMENT_CHARS = 48_000;

/** An attachment with its text, kept by the host until the message is sent. */
export interface Attachment extends AttachmentInfo {
  text: string;
}

let next = 0;

/** Makes an attachment from a file's text, cut at a line boundary to `maxChars`. */
export function createAttachment(name: string, languageId: string, text: string, maxChars = MAX_ATTACHMENT_CHARS): Attachment {
  const normalized = text.replace(/\r\n/g, '\n');
  const shown = cutAtLine(normalized, maxChars);
  return { id: `a${++next}`, name, languageId, chars: normalized.length, truncated: shown.length < normalized.length, text: shown };
}

/** The message as sent: the user's text, then each attachment as a fenced block with its file name. */
export function withAttachments(text: string, attachments: readonly Attachment[]): string {
  const parts = [text];
  for (const a of attachments) {
    const f = fenceFor(a.text);
    const tag = fenceTag(a.languageId);
    const note = a.truncated ? ` (first ${a.text.length} of ${a.chars} characters)` : '';
    // A selection, problems or a folder's tree are named by what they are ("Selection a.ts:3-9"); only files say "file".
    const what = a.kind && a.kind !== 'file' ? '' : 'file ';
    parts.push('', `Attached ${what}\`${a.name}\`${note}:`, '', `${f}${tag}`, a.text.replace(/\n$/, ''), f);
  }
  return parts.join('\n');
}
