/**
 * Tells parts of the conversation whether they are near the viewport (within some distance of it above and below).
 * One IntersectionObserver serves every part watched at that distance: the browser computes all of them in one pass
 * after layout, and a callback per part hears only of its own changes.
 */

export class NearViewport {
  private readonly observer: IntersectionObserver;
  private readonly listeners = new Map<Element, (near: boolean) => void>();

  /** `margin`: how far around the viewport counts as near (an IntersectionObserver `rootMargin`). */
  constructor(root: HTMLElement, margin: string) {
    this.observer = new IntersectionObserver((entries) => {
      for (const entry of entries) this.listeners.get(entry.target)?.(entry.isIntersecting);
    }, { root, rootMargin: margin });
  }

  /** Calls `listener` once the browser knows whether `element` is near, and whenever that changes. */
  watch(element: Element, listener: (near: boolean) => void): void {
    this.listeners.set(element, listener);
    this.observer.observe(element);
  }

  unwatch(element: Element): void {
    this.listeners.delete(element);
    this.observer.unobserve(element);
  }
}
