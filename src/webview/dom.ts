/** Tiny helpers to build DOM without HTML strings (text always goes in as text). */
import { icon, type IconName } from './icons';
import { t } from '../shared/l10n';

type Child = Node | string | null | undefined | false;

interface ElementOptions {
  className?: string;
  text?: string;
  attrs?: Record<string, string>;
  hidden?: boolean;
}

/** Creates an element with classes, attributes, text and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (options.className) el.className = options.className;
  if (options.text !== undefined) el.textContent = options.text;
  if (options.hidden) el.hidden = true;
  for (const [name, value] of Object.entries(options.attrs ?? {})) el.setAttribute(name, value);
  for (const child of children) if (child) el.append(child);
  return el;
}

interface ButtonOptions {
  /** Accessible name; also the tooltip. */
  label: string;
  icon?: IconName;
  /** Visible text; without it the button shows only its icon. */
  text?: string;
  className?: string;
  /** Read by the delegated click handlers. */
  action?: string;
  title?: string;
}

/** A real `<button type="button">` with an accessible name, an optional icon and optional visible text. */
export function button(options: ButtonOptions): HTMLButtonElement {
  const el = h('button', {
    className: ['button', options.text ? 'button-text' : 'button-icon', options.className].filter(Boolean).join(' '),
    attrs: { type: 'button', 'aria-label': options.label, title: options.title ?? options.label },
  });
  if (options.action) el.dataset.action = options.action;
  if (options.icon) el.append(icon(options.icon));
  if (options.text) el.append(h('span', { className: 'button-label', text: options.text }));
  return el;
}

/** Shows "Copied" (or a check mark) on a copy button for a moment. */
export function flashCopied(el: HTMLButtonElement): void {
  const label = el.querySelector('.button-label');
  const svg = el.querySelector('svg');
  const before = label?.textContent;
  if (label) label.textContent = t('Copied');
  else if (svg) svg.replaceWith(icon('check'));
  el.classList.add('is-done');
  setTimeout(() => {
    el.classList.remove('is-done');
    if (label && before !== undefined) label.textContent = before;
    else if (svg) el.querySelector('svg')?.replaceWith(svg);
  }, 1200);
}

/** Grows a textarea with its content up to its CSS `max-height`, after which it scrolls. */
export function autoGrow(textarea: HTMLTextAreaElement): void {
  // Inline style set through CSSOM is allowed by the view's CSP (only style attributes in markup are not).
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
}
