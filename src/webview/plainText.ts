/**
 * Text the view shows as it is, unformatted, under a short note saying why: a block of a reply that would cost too
 * much to format or could not be formatted, or a whole message the view could not draw; without a note, a reply that
 * is not drawn yet (far off screen in a long conversation). Such text can be huge, and
 * laying out text costs the browser a few milliseconds per 1,000 characters, so it goes into pieces of about
 * `PIECE_CHARS` that the stylesheet lets the browser skip while they are off screen (`content-visibility`), and
 * text appended while it streams changes only the last piece.
 */
import { h } from './dom';
import { textWithInvisibles } from './invisibleChars';

export interface PlainText {
  readonly element: HTMLElement;
  /** Adds text at the end. */
  append(text: string): void;
}

/** Characters per piece; a piece goes on to the end of its line, up to twice as far, so lines stay whole. */
const PIECE_CHARS = 1_000;

interface Piece {
  element: HTMLElement;
  length: number;
  endsLine: boolean;
}

/** How much of `text` a piece of `length` characters takes: up to `PIECE_CHARS`, then on to the end of a line. */
function taken(length: number, text: string): number {
  if (length < PIECE_CHARS) return Math.min(text.length, PIECE_CHARS - length);
  const newline = text.indexOf('\n');
  const room = 2 * PIECE_CHARS - length;
  return newline !== -1 && newline < room ? newline + 1 : Math.min(text.length, room);
}

/** Shows `text` under `note` (if any). */
export function plainText(text: string, note?: string): PlainText {
  const body = h('div', { className: 'plain-text-body' });
  const element = h('div', { className: 'plain-text' }, note !== undefined && h('div', { className: 'plain-text-note', text: note }), body);
  let last: Piece | undefined;
  const append = (more: string): void => {
    let rest = more;
    while (rest) {
      if (!last || (last.length >= PIECE_CHARS && (last.endsLine || last.length >= 2 * PIECE_CHARS))) {
        last = { element: h('div', { className: 'plain-text-piece' }), length: 0, endsLine: false };
        body.append(last.element);
      }
      const count = taken(last.length, rest);
      // One text node per piece of text: appending to one long node would copy it each time.
      last.element.append(textWithInvisibles(rest.slice(0, count), false));
      last.length += count;
      last.endsLine = rest[count - 1] === '\n';
      rest = rest.slice(count);
    }
  };
  append(text);
  return { element, append };
}
