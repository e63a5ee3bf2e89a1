/**
 * What screen readers hear of replies: "mistral is generating" when one starts and the reply once it is complete
 * or stopped, through the view's polite live region, never the streamed pieces. A failed reply is not announced
 * here: its error is shown (and announced) by the error banner.
 *
 * A short reply is read whole. A long one is announced by its model, length and opening words: the whole text
 * would hold the screen reader's speech for minutes with no way to skip part of it, and it is in the conversation,
 * where the user reads it with the reader's own navigation (by line, heading, code block).
 */
import type { StreamInfo } from '../shared/protocol';
import type { ChatMessage } from '../shared/types';
import { t } from '../shared/l10n';
import type { Announcer } from './announcer';

/** Replies up to this many characters (as spoken) are read whole. */
const READ_WHOLE_CHARS = 300;
/** How much of a longer reply's opening is read. */
const OPENING_CHARS = 150;

/** The words of a markdown reply as a screen reader should say them: no fences, emphasis marks or link targets. */
export function spokenText(markdown: string): string {
  return markdown
    .replace(/^\s*(```|~~~).*$/gm, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+)/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The announcement of a finished reply (see the file's comment for why long ones are summed up). */
export function replyAnnouncement(model: string, markdown: string, stopped: boolean): string {
  const text = spokenText(markdown);
  if (text.length <= READ_WHOLE_CHARS) {
    return stopped ? t('Reply from {0}, stopped: {1}', model, text) : t('Reply from {0}: {1}', model, text);
  }
  const words = text.split(' ').length;
  const opening = `${text.slice(0, OPENING_CHARS).replace(/\s\S*$/, '')}…`;
  return stopped
    ? t('Reply from {0}, stopped, {1} words: {2}', model, words, opening)
    : t('Reply from {0}, {1} words: {2}', model, words, opening);
}

export class ReplyAnnouncements {
  /** The reply whose end is still to be announced. */
  private awaited: string | null = null;

  /** `model` is the model the view shows (a reply's own model, when it has one, comes first). */
  constructor(
    private readonly announcer: Announcer,
    private readonly model: () => string,
  ) {}

  /**
   * The reply being generated changed. `announceStart` is false for the stream of a snapshot (the view was
   * shown again mid-reply): its start was announced before, its end still will be.
   */
  streamChanged(stream: StreamInfo | null, announceStart: boolean): void {
    if (!stream || stream.messageId === this.awaited) return;
    this.awaited = stream.messageId;
    if (announceStart) this.announcer.say(t('{0} is generating', this.model()));
  }

  /** A message was added or replaced: announces the awaited reply once it is final. */
  messageChanged(message: ChatMessage): void {
    if (message.id !== this.awaited || message.status === 'streaming') return;
    this.awaited = null;
    if (message.status === 'error') return;
    this.announcer.say(replyAnnouncement(message.model || this.model(), message.content, message.status === 'stopped'));
  }
}
