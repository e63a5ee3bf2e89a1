/**
 * The view's live regions, the only ones in it: screen readers hear what is put here, once. Everything else (the
 * conversation, a reply while it streams) is not live, so appended text is not read out piece by piece.
 * Both regions are visually hidden. Each announcement replaces the region's content with a new element, so the
 * same words said twice (two equal replies) are read twice, and an old one is never read again.
 */
import { h } from './dom';

export class Announcer {
  readonly element: HTMLElement;
  private readonly polite: HTMLElement;
  private readonly assertive: HTMLElement;

  constructor() {
    this.polite = h('div', { className: 'live-announcer', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true', 'data-politeness': 'polite' } });
    this.assertive = h('div', { className: 'live-announcer', attrs: { role: 'alert', 'aria-atomic': 'true', 'data-politeness': 'assertive' } });
    this.element = h('div', { className: 'visually-hidden' }, this.polite, this.assertive);
  }

  /** Said when the screen reader is done with what it is saying (a reply started or finished). */
  say(text: string): void {
    this.polite.replaceChildren(h('p', { text }));
  }

  /** Said at once, interrupting (an error). */
  alert(text: string): void {
    this.assertive.replaceChildren(h('p', { text }));
  }
}
