/**
 * Mentions (`@file`, `#selection`, …) go with a message as chips like attached files, but their content is read only
 * when the message is sent, so the model sees the file as it is then. A mention that cannot be read any more (the
 * file was deleted, it is binary) does not stop the message: it goes without it, and the list under the message says
 * why. Pure: the readers come from the VS Code side.
 */
import { t } from '../../shared/l10n';
import type { MessageReference } from '../../shared/types';
import type { Attachment } from './attachments';
import { createAttachment } from './attachments';
import type { AttachmentInfo } from '../../shared/protocol';

/** What a mention holds when it is read: text to send, or why there is none (in user words). */
export type ReferenceContent = { text: string; languageId: string } | { unavailable: string };

/** A mention waiting for the message to be sent; `read` is called then, once. */
export interface Reference extends AttachmentInfo {
  read(): Promise<ReferenceContent>;
}

/** An attachment whose text is already known, or a mention to read. */
export type Pending = Attachment | Reference;

/** What the message carries once its mentions were read. */
export interface ResolvedReferences {
  /** The text of each one that could be read (cut to the attachment limit), in chip order. */
  attachments: Attachment[];
  /** Everything that went with the message, listed under it; the ones that could not be read say why. */
  references: MessageReference[];
}

function isReference(p: Pending): p is Reference {
  return typeof (p as Reference).read === 'function';
}

/**
 * Reads every mention of `pending` (together; a reader that throws counts as unreadable) and lists what goes with the
 * message. Attachments read earlier pass through as they are.
 */
export async function resolveReferences(pending: readonly Pending[]): Promise<ResolvedReferences> {
  const read = await Promise.all(pending.map(async (p): Promise<Attachment | { info: AttachmentInfo; unavailable: string }> => {
    if (!isReference(p)) return p;
    try {
      const content = await p.read();
      if ('unavailable' in content) return { info: p, unavailable: content.unavailable };
      return { ...createAttachment(p.name, content.languageId, content.text), kind: p.kind };
    } catch (err) {
      return { info: p, unavailable: `it could not be read (${err instanceof Error ? err.message : String(err)})` };
    }
  }));
  const attachments: Attachment[] = [];
  const references: MessageReference[] = [];
  for (const r of read) {
    if ('unavailable' in r) {
      references.push({ name: r.info.name, kind: r.info.kind ?? 'file', missing: r.unavailable });
    } else {
      attachments.push(r);
      references.push({ name: r.name, kind: r.kind ?? 'file', ...(r.truncated ? { truncated: true } : {}) });
    }
  }
  return { attachments, references };
}

/** One sentence for the user about the mentions that were left out of a sent message, or undefined when none were. */
export function missingNotice(references: readonly MessageReference[]): string | undefined {
  const missing = references.filter((r) => r.missing);
  if (!missing.length) return undefined;
  return t('Sent without {0}.', missing.map((r) => `${r.name} (${r.missing})`).join(', '));
}
