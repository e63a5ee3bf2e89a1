/** What an empty conversation shows: what to do, and where the editor integration is. */
import { h } from './dom';
import { icon } from './icons';

export interface EmptyState {
  element: HTMLElement;
  setModel(model: string): void;
}

/** Builds the empty state; `setModel` names the model in its title. */
export function createEmptyState(): EmptyState {
  const title = h('h2', { className: 'empty-title' });
  const element = h(
    'div',
    { className: 'empty-state' },
    h('div', { className: 'empty-icon' }, icon('chat')),
    title,
    h('p', { text: 'Ask anything: questions, code to write or explain, errors to fix. Everything stays on your machine.' }),
    h(
      'p',
      { className: 'empty-hint' },
      'Select code in the editor and run ',
      h('strong', { text: 'Ollama Chat: Ask Mistral about Selection' }),
      ' to ask about it.',
    ),
  );
  const setModel = (model: string) => {
    title.textContent = `Chat with ${model || 'a local model'}`;
  };
  setModel('');
  return { element, setModel };
}
