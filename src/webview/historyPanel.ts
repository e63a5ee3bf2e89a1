/**
 * The list of saved conversations, newest first: open, rename, delete (the host prompts and confirms).
 * The search box filters titles at once and asks the host (debounced) which conversations mention the query in
 * their messages; those are shown too when the answer arrives.
 */
import type { ConversationSummary } from '../shared/types';
import { button, h } from './dom';
import { relativeTime } from './format';
import { icon } from './icons';
import type { HostChannel } from './vscodeApi';
import { t } from '../shared/l10n';

const SEARCH_DELAY_MS = 200;

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private conversations: ConversationSummary[] = [];
  private currentId: string | null = null;
  /** Ids the host found for `matchedQuery` (in titles or message text). */
  private matches = new Set<string>();
  private matchedQuery = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The rows on the page, by conversation id. A row is updated in place, not built anew: the list is drawn again
   * whenever the history changes (a reply ends, a search answers), and a row replaced between the press and the
   * release of the mouse button would lose the click.
   */
  private readonly rows = new Map<string, Row>();

  /** `onClose` is told whether a conversation was opened (then the user goes on typing, not browsing). */
  constructor(
    private readonly host: HostChannel,
    private readonly onClose: (opened: boolean) => void,
  ) {
    this.search = h('input', {
      className: 'history-search',
      attrs: { type: 'search', 'aria-label': t('Search conversations'), placeholder: t('Search conversations') },
    });
    this.list = h('ul', { className: 'history-list', attrs: { 'aria-label': t('Conversations') } });
    this.status = h('p', { className: 'history-status', attrs: { role: 'status' } });
    const close = button({ label: t('Close history'), icon: 'close' });
    this.element = h(
      'section',
      { className: 'history-panel', attrs: { 'aria-label': t('Conversation history') }, hidden: true },
      h('div', { className: 'history-header' }, h('div', { className: 'search-box' }, icon('search'), this.search), close),
      this.list,
      this.status,
    );
    close.addEventListener('click', () => onClose(false));
    this.search.addEventListener('input', () => this.onSearchInput());
    this.list.addEventListener('click', (e) => this.onClick(e));
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose(false);
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
    if (open) {
      this.render();
      this.search.focus();
    }
  }

  setConversations(conversations: ConversationSummary[], currentId: string | null): void {
    this.conversations = conversations;
    this.currentId = currentId;
    if (this.isOpen) this.render();
  }

  /** The host's answer to `search`; answers to an older query are ignored. */
  setSearchResults(query: string, ids: string[]): void {
    if (query !== this.search.value.trim()) return;
    this.matchedQuery = query;
    this.matches = new Set(ids);
    this.render();
  }

  private onSearchInput(): void {
    this.render();
    clearTimeout(this.searchTimer);
    const query = this.search.value.trim();
    if (query) this.searchTimer = setTimeout(() => this.host.post({ type: 'search', query }), SEARCH_DELAY_MS);
  }

  private visible(): ConversationSummary[] {
    const query = this.search.value.trim();
    const needle = query.toLowerCase();
    const matches = query === this.matchedQuery ? this.matches : new Set<string>();
    return this.conversations
      .filter((c) => !query || c.title.toLowerCase().includes(needle) || matches.has(c.id))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private render(): void {
    const now = Date.now();
    const visible = this.visible();
    const shown = new Set(visible.map((c) => c.id));
    for (const id of this.rows.keys()) if (!shown.has(id)) this.rows.delete(id);
    // In order, moving only the rows that are out of place; what is left after them is gone.
    let at: ChildNode | null = this.list.firstChild;
    for (const c of visible) {
      const item = this.row(c, now);
      if (item === at) at = at.nextSibling;
      else this.list.insertBefore(item, at);
    }
    while (at) {
      const next: ChildNode | null = at.nextSibling;
      at.remove();
      at = next;
    }
    this.status.textContent =
      visible.length > 0 ? '' : this.search.value.trim() ? t('No conversation matches.') : t('No conversations yet.');
    this.status.hidden = visible.length > 0;
  }

  /** The row of `c`, made the first time and brought up to date after. */
  private row(c: ConversationSummary, now: number): HTMLElement {
    const title = c.title || t('Untitled');
    const meta = [c.model, relativeTime(c.updatedAt, now), c.messageCount === 1 ? t('{0} message', c.messageCount) : t('{0} messages', c.messageCount)]
      .filter(Boolean)
      .join(' · ');
    let row = this.rows.get(c.id);
    if (!row) {
      const open = h('button', { className: 'history-open', attrs: { type: 'button' } });
      open.dataset.action = 'open';
      row = {
        item: h('li', { className: 'history-item' }),
        open,
        title: h('span', { className: 'history-title' }),
        meta: h('span', { className: 'history-meta' }),
        rename: button({ label: '', icon: 'edit', action: 'rename' }),
        remove: button({ label: '', icon: 'trash', action: 'delete' }),
      };
      open.append(row.title, row.meta);
      row.item.append(open, h('div', { className: 'history-actions' }, row.rename, row.remove));
      row.item.dataset.id = c.id;
      this.rows.set(c.id, row);
    }
    setText(row.title, title);
    setText(row.meta, meta);
    setAttr(row.open, 'title', title);
    for (const [control, label] of [[row.rename, t('Rename “{0}”', title)], [row.remove, t('Delete “{0}”', title)]] as const) {
      setAttr(control, 'aria-label', label);
      setAttr(control, 'title', label);
    }
    const current = c.id === this.currentId;
    row.item.classList.toggle('is-current', current);
    if (current) setAttr(row.open, 'aria-current', 'true');
    else row.open.removeAttribute('aria-current');
    return row.item;
  }

  private onClick(e: MouseEvent): void {
    const control = (e.target as Element).closest<HTMLElement>('button[data-action]');
    const id = control?.closest<HTMLElement>('.history-item')?.dataset.id;
    if (!control || !id) return;
    switch (control.dataset.action) {
      case 'open':
        this.host.post({ type: 'openConversation', id });
        this.onClose(true);
        return;
      case 'rename':
        this.host.post({ type: 'renameConversation', id });
        return;
      case 'delete':
        this.host.post({ type: 'deleteConversation', id });
        return;
    }
  }
}

/** The elements of one row of the history. */
interface Row {
  item: HTMLElement;
  open: HTMLElement;
  title: HTMLElement;
  meta: HTMLElement;
  rename: HTMLElement;
  remove: HTMLElement;
}

/** Sets an element's text only when it differs (no mutation, no layout work, for a row that did not change). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function setAttr(el: HTMLElement, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
