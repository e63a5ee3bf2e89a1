/**
 * The composer's thinking switch: a thinking model thinks by default; switched off, the conversation asks it not to
 * (`think: false`, kept in the conversation's settings). Off (and saying why) for models that cannot think, or when
 * Ollama did not say.
 */
import type { ThinkingState } from '../shared/contextInfo';
import { h } from './dom';
import type { HostChannel } from './vscodeApi';

const REASONS: Record<ThinkingState, string> = {
  on: 'The model thinks before it answers (slower, often better). Click to switch thinking off for this conversation.',
  off: 'Thinking is off for this conversation: the model answers at once. Click to let it think.',
  unsupported: 'This model does not think before answering; Pick Model offers models that do (their details list "thinking").',
  unknown: 'Ollama did not say whether this model can think (its model details failed or were too slow).',
};

export class ThinkingToggle {
  readonly element: HTMLButtonElement;
  private state: ThinkingState = 'unknown';

  constructor(host: HostChannel) {
    this.element = h('button', { className: 'button button-text thinking-toggle', attrs: { type: 'button' }, text: 'Thinking' });
    this.element.addEventListener('click', () => {
      if (this.state === 'on' || this.state === 'off') host.post({ type: 'setThinking', on: this.state === 'off' });
    });
    this.set('unknown');
  }

  /** Where thinking stands for the conversation and model on screen. */
  set(state: ThinkingState): void {
    this.state = state;
    const applies = state === 'on' || state === 'off';
    this.element.disabled = !applies;
    this.element.setAttribute('aria-pressed', String(state === 'on'));
    this.element.title = REASONS[state];
    this.element.setAttribute('aria-label', `Thinking: ${state === 'on' ? 'on' : 'off'}. ${REASONS[state]}`);
    this.element.textContent = state === 'on' ? 'Thinking: on' : state === 'off' ? 'Thinking: off' : 'Thinking: n/a';
  }
}
