/**
 * Instructions the model gets besides the chat turns, shown as plain text exactly as they are sent: system messages
 * (only an imported or stored conversation has them) and the conversation's own system prompt, shown above its
 * messages. Without them an imported file could steer the model with text the user never sees.
 */
import type { ChatMessage } from '../shared/types';
import { h } from './dom';
import { messageShell } from './messageShell';

/** A `role: "system"` message, in its place in the conversation. */
export class SystemMessageView {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;

  constructor(public message: ChatMessage, title = 'System', note = 'An instruction to the model, sent at this point of the conversation.') {
    const shell = messageShell(message, title);
    this.element = shell.element;
    this.text = h('div', { className: 'system-text' });
    shell.content.append(h('p', { className: 'system-note', text: note }), this.text);
    shell.footer.hidden = true;
    this.update(message);
  }

  update(message: ChatMessage): void {
    this.message = message;
    this.text.textContent = message.content;
  }
}

/** The conversation's own system prompt above its messages; hidden when it has none. */
export class SystemPromptView {
  private readonly view = new SystemMessageView(
    { id: 'system-prompt', role: 'system', content: '', timestamp: 0 },
    'System prompt',
    'Sent to the model first, before every message of this conversation (Conversation Settings… changes it).',
  );
  readonly element = this.view.element;

  constructor() {
    this.element.classList.add('system-prompt');
    this.element.hidden = true;
  }

  show(prompt: string | undefined): void {
    this.element.hidden = !prompt;
    this.view.update({ ...this.view.message, content: prompt ?? '' });
  }
}
