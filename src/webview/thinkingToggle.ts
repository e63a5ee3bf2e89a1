/**
 * The composer's thinking switch: a thinking model thinks by default; switched off, the conversation asks it not to
 * (`think: false`, kept in the conversation's settings). Off (and saying why) for models that cannot think, or when
 * Ollama did not say.
 */
import type { ThinkingState } from '../shared/contextInfo';
import { h } from './dom';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

/** Why the switch is as it is (translated when asked, once the view has its translations). */
function reason(state: ThinkingState): string {
  switch (state) {
    case 'on':
      return t('The model thinks before it answers (slower, often better). Click to switch thinking off for this conversation.');
    case 'off':
      return t('Thinking is off for this conversation: the model answers at once. Click to let it think.');
    case 'unsupported':
      return t('This model does not think before answering; Pick Model offers models that do (their details list "thinking").');
    case 'unknown':
      return t('Ollama did not say whether this model can think (its model details failed or were too slow).');
  }
}

export class ThinkingToggle {
  readonly element: HTMLButtonElement;
  private state: ThinkingState = 'unknown';

  constructor(host: HostChannel) {
    this.element = h('button', { className: 'button button-text thinking-toggle', attrs: { type: 'button' }, text: t('Thinking') });
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
    this.element.title = reason(state);
    this.element.setAttribute('aria-label', state === 'on' ? t('Thinking: on. {0}', reason(state)) : t('Thinking: off. {0}', reason(state)));
    this.element.textContent = state === 'on' ? t('Thinking: on') : state === 'off' ? t('Thinking: off') : t('Thinking: n/a');
  }
}
