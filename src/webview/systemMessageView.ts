/**
 * Instructions the model gets besides the chat turns, shown as plain text exactly as they are sent: system messages
 * (only an imported or stored conversation has them) and the conversation's own system prompt, shown above its
 * messages. Without them an imported file could steer the model with text the user never sees.
 */
import type { SystemPromptInfo } from '../shared/protocol';
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

/** Where a system prompt comes from, in the words the view shows under its title. */
const SOURCE_NOTES: Record<SystemPromptInfo['source'], string> = {
  conversation: "This conversation's own system prompt, sent to the model first, before every message (Conversation Settings… changes it).",
  user: 'From your setting ollamaChat.systemPrompt: sent to the model first, before every message.',
  workspace: "From this workspace's settings (.vscode/settings.json), not yours: sent to the model first, before every message. Make sure you trust it.",
};

/** The system prompt sent with the shown conversation, above its messages, and where it comes from; hidden when there is none. */
export class SystemPromptView {
  private readonly view = new SystemMessageView({ id: 'system-prompt', role: 'system', content: '', timestamp: 0 }, 'System prompt', '');
  readonly element = this.view.element;
  private readonly note = this.element.querySelector<HTMLElement>('.system-note')!;

  constructor() {
    this.element.classList.add('system-prompt');
    this.element.hidden = true;
  }

  show(prompt: SystemPromptInfo | null): void {
    this.element.hidden = !prompt;
    this.element.dataset.source = prompt?.source ?? '';
    this.note.textContent = prompt ? SOURCE_NOTES[prompt.source] : '';
    this.view.update({ ...this.view.message, content: prompt?.text ?? '' });
  }
}
