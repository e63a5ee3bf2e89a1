/** What an empty conversation shows: what to do, and where the editor integration is. */
import { h } from './dom';
import { icon } from './icons';

export interface EmptyState {
  element: HTMLElement;
  setModel(model: string): void;
}

/** Builds the empty state; `setModel` names the model in its title and hint. */
export function createEmptyState(): EmptyState {
  const title = h('h2', { className: 'empty-title' });
  const askWho = h('span');
  const element = h(
    'div',
    { className: 'empty-state' },
    h('div', { className: 'empty-icon' }, icon('chat')),
    title,
    h('p', { text: 'Ask anything: questions, code to write or explain, errors to fix. Everything stays on your machine.' }),
    h(
      'p',
      { className: 'empty-hint' },
      'Select code in the editor and ', askWho, ': type ', h('strong', { text: '/explain' }),
      ' here, or right-click the selection and choose ',
      // The command's title names the product, not the model in use.
      h('strong', { text: 'Ask Mistral about Selection' }),
      '. Type ', h('strong', { text: '@' }), ' to add a file, the selection or the problems of a file.',
    ),
  );
  const setModel = (model: string) => {
    title.textContent = `Chat with ${model || 'a local model'}`;
    askWho.textContent = `ask ${model || 'the model'} about it`;
  };
  setModel('');
  return { element, setModel };
}
