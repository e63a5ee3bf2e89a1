/**
 * A message the view could not draw (stored or imported data of a shape the views do not expect, or a bug): its
 * text as it is under a short notice, so the message is not lost and the rest of the conversation still shows.
 * Streamed text is appended to it like to any reply. Never throws, whatever the message holds.
 */
import type { ChatMessage } from '../shared/types';
import { messageShell } from './messageShell';
import { plainText, type PlainText } from './plainText';

/** The message's text, whatever type its content has. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content) ?? '';
  } catch {
    return '';
  }
}

export class PlainMessageView {
  readonly element: HTMLElement;
  private readonly content: HTMLElement;
  private text!: PlainText;

  constructor(public message: ChatMessage) {
    const author = message.role === 'user' ? 'You' : typeof message.model === 'string' && message.model ? message.model : 'Assistant';
    const shell = messageShell({ ...message, role: message.role === 'user' ? 'user' : 'assistant', id: String(message.id) }, author);
    this.element = shell.element;
    this.content = shell.content;
    shell.footer.hidden = true;
    this.update(message);
  }

  /** Shows the message's text anew. */
  update(message: ChatMessage): void {
    this.message = message;
    this.element.dataset.status = typeof message.status === 'string' ? message.status : 'complete';
    this.text = plainText(textOf(message.content), 'This message could not be displayed as usual, so it is shown as plain text.');
    this.content.replaceChildren(this.text.element);
  }

  /** Appends streamed text. */
  appendDelta(content: string): void {
    this.message = { ...this.message, content: textOf(this.message.content) + content };
    this.text.append(content);
  }
}
