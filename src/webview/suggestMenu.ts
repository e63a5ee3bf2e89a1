/**
 * The list that opens in the message box when `@` or `#` (a mention) or a leading `/` (a template) is typed: the host
 * answers with rows, the keyboard drives it (type to filter, arrows to move, Enter or Tab to choose, Escape to close),
 * and screen readers hear it as a combobox (the text box) controlling a listbox (the rows). Choosing a mention takes
 * the typed `@query` out of the text and adds a chip; choosing a template puts `/name ` in the text, to type after.
 */
import type { Suggestion, SuggestTrigger } from '../shared/protocol';
import { h } from './dom';
import { icon } from './icons';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

/** The `@query`, `#query` or leading `/query` just before the caret, and where it starts. */
export interface TriggerAt {
  trigger: SuggestTrigger;
  query: string;
  start: number;
}

/** Finds what the user is typing a suggestion for, before `caret` in `text`; undefined when nothing. */
export function triggerAt(text: string, caret: number): TriggerAt | undefined {
  const before = text.slice(0, caret);
  const command = /^\/([A-Za-z0-9_-]*)$/.exec(before);
  if (command) return { trigger: '/', query: command[1]!, start: 0 };
  const mention = /(^|\s)([@#])([^\s@#]*)$/.exec(before);
  if (!mention) return undefined;
  return { trigger: mention[2] as SuggestTrigger, query: mention[3]!, start: before.length - mention[3]!.length - 1 };
}

const LISTBOX_ID = 'suggest-list';

export class SuggestMenu {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  private items: Suggestion[] = [];
  private active = 0;
  private requestId = 0;
  /** What the open list is for; undefined while it is closed. */
  private at: TriggerAt | undefined;

  constructor(private readonly input: HTMLTextAreaElement, private readonly host: HostChannel) {
    this.list = h('ul', { className: 'suggest-list', attrs: { id: LISTBOX_ID, role: 'listbox', 'aria-label': t('Suggestions') } });
    this.empty = h('div', { className: 'suggest-empty', text: t('Nothing matches.'), hidden: true });
    this.element = h('div', { className: 'suggest-menu', hidden: true }, this.list, this.empty);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', LISTBOX_ID);
    input.setAttribute('aria-expanded', 'false');
    input.addEventListener('blur', () => this.close());
    // A click chooses without taking the focus from the text box (so the caret and the typed query stay).
    this.list.addEventListener('mousedown', (e) => e.preventDefault());
    this.list.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLElement>('[role="option"]');
      if (row) this.choose(Number(row.dataset.index));
    });
  }

  get isOpen(): boolean {
    return this.at !== undefined;
  }

  /** The text or caret changed: asks the host for rows for what is typed now, or closes the list. */
  update(): void {
    const at = triggerAt(this.input.value, this.input.selectionStart ?? this.input.value.length);
    if (!at) {
      this.close();
      return;
    }
    this.at = at;
    this.host.post({ type: 'suggest', trigger: at.trigger, query: at.query, requestId: ++this.requestId });
  }

  /** The host's rows; only the answer to the latest question counts (typing fast overtakes earlier ones). */
  show(requestId: number, items: Suggestion[]): void {
    if (requestId !== this.requestId || !this.at) return;
    this.items = items;
    this.active = 0;
    this.list.replaceChildren(...items.map((item, i) => this.row(item, i)));
    this.empty.hidden = items.length > 0;
    this.element.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  /** Keys for the list while it is open; true when the key was used (the text box must not act on it too). */
  handleKey(e: KeyboardEvent): boolean {
    if (!this.at || this.element.hidden || e.isComposing) return false;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!this.items.length) return false;
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.items.length - 1)) % this.items.length;
        this.highlight();
        break;
      case 'Enter':
      case 'Tab':
        if (e.shiftKey || !this.items.length) return false;
        this.choose(this.active);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return false;
    }
    e.preventDefault();
    return true;
  }

  close(): void {
    this.at = undefined;
    this.items = [];
    this.element.hidden = true;
    this.list.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private row(item: Suggestion, index: number): HTMLElement {
    const kindIcon = item.kind === 'template' ? 'chat' : item.kind === 'folder' ? 'history' : item.kind === 'problems' ? 'error' : 'file';
    return h(
      'li',
      { className: 'suggest-row', attrs: { id: `${LISTBOX_ID}-${index}`, role: 'option', 'aria-selected': 'false', 'data-index': String(index), 'data-kind': item.kind } },
      icon(kindIcon),
      h('span', { className: 'suggest-label', text: item.label }),
      h('span', { className: 'suggest-detail', text: item.problem ? `${item.detail} · ${item.problem}` : item.detail }),
    );
  }

  private highlight(): void {
    this.list.querySelectorAll('[aria-selected="true"]').forEach((el) => el.setAttribute('aria-selected', 'false'));
    const row = this.list.children[this.active] as HTMLElement | undefined;
    if (!row) {
      this.input.removeAttribute('aria-activedescendant');
      return;
    }
    row.setAttribute('aria-selected', 'true');
    row.scrollIntoView({ block: 'nearest' });
    this.input.setAttribute('aria-activedescendant', row.id);
  }

  /** Replaces the typed trigger and query: with `/name ` for a template, with nothing for a mention (it is a chip). */
  private choose(index: number): void {
    const item = this.items[index];
    const at = this.at;
    if (!item || !at) return;
    const caret = this.input.selectionStart ?? this.input.value.length;
    const insert = item.kind === 'template' ? `/${item.id} ` : '';
    this.input.setRangeText(insert, at.start, caret, 'end');
    if (item.kind !== 'template') this.host.post({ type: 'addMention', id: item.id });
    this.close();
    this.input.dispatchEvent(new Event('input'));
  }
}
