/** The frame shared by user and assistant messages: who wrote it, its content, and a footer. */
import type { ChatMessage } from '../shared/types';
import { h } from './dom';

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
  return { element, author, headerActions, content, footer, info, actions };
}
