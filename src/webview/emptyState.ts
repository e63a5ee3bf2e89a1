/** What an empty conversation shows: what to do, and where the editor integration is. */
import { h } from './dom';
import { icon } from './icons';
import { sentence } from './sentence';
import { t } from '../shared/l10n';

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
    h('p', { text: t('Ask anything: questions, code to write or explain, errors to fix. Everything stays on your machine.') }),
    h(
      'p',
      { className: 'empty-hint' },
      ...sentence(
        t('Select code in the editor and {0}: type {1} here, or right-click the selection and choose {2}. Type {3} to add a file, the selection or the problems of a file.'),
        askWho,
        h('strong', { text: '/explain' }), // l10n-ignore: the command the user types
        // The command's title names the product, not the model in use.
        h('strong', { text: t('Ask Mistral about Selection') }),
        h('strong', { text: '@' }),
      ),
    ),
  );
  const setModel = (model: string) => {
    title.textContent = model ? t('Chat with {0}', model) : t('Chat with a local model');
    askWho.textContent = model ? t('ask {0} about it', model) : t('ask the model about it');
  };
  setModel('');
  return { element, setModel };
}
