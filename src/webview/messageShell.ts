/** The frame shared by user and assistant messages: who wrote it, its content, and a footer. */
import type { ChatMessage } from '../shared/types';
import { h } from './dom';

/** Characters on a line of a side bar of usual width, and the height of a line (px), for `estimateSize`. */
const CHARS_PER_LINE = 60;
const LINE_PX = 20;
/** The author line, the footer and the space around them (px). */
const FRAME_PX = 70;

/**
 * Gives a message the height its text is likely to take while the browser skips it off screen (see the stylesheet);
 * once laid out, the browser keeps its real one. A conversation shown anew then lays out only the messages that are
 * really in the viewport: with a small guess, the first layout would take in every message the guesses fit on screen.
 */
export function estimateSize(element: HTMLElement, text: string): void {
  let lines = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    lines += Math.max(1, Math.ceil((end - start) / CHARS_PER_LINE));
    start = end + 1;
  }
  element.style.containIntrinsicSize = `auto ${FRAME_PX + lines * LINE_PX}px`;
}

export interface MessageShell {
  element: HTMLElement;
  author: HTMLElement;
  /** Right end of the author line (user messages keep their actions there). */
  headerActions: HTMLElement;
  content: HTMLElement;
  footer: HTMLElement;
  /** Left part of the footer (e.g. generation stats). */
  info: HTMLElement;
  /** Right part of the footer. */
  actions: HTMLElement;
}

/** Builds the `<article>` of a message with the data attributes tests and styles rely on. */
export function messageShell(message: ChatMessage, authorName: string): MessageShell {
  const author = h('span', { className: 'message-author', text: authorName });
  const headerActions = h('div', { className: 'message-actions' });
  const content = h('div', { className: 'message-content' });
  const info = h('div', { className: 'message-info' });
  const actions = h('div', { className: 'message-actions' });
  const footer = h('div', { className: 'message-footer' }, info, actions);
  const element = h(
    'article',
    { className: `message message-${message.role}` },
    h('div', { className: 'message-header' }, author, headerActions),
    content,
    footer,
  );
  element.dataset.role = message.role;
  element.dataset.messageId = message.id;
  // Stored data of another shape is shown by PlainMessageView, whose content may not be text.
  estimateSize(element, typeof message.content === 'string' ? message.content : '');
  return { element, author, headerActions, content, footer, info, actions };
}
