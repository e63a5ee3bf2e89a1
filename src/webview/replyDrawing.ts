/**
 * Which replies of the conversation are drawn (formatted): the newest ones at once, the others when they come near
 * the viewport; and a reply far off screen goes back to its plain text, so the elements (and memory) of a long
 * conversation do not grow with the messages nobody looks at. A message's size is kept meanwhile: the stylesheet
 * lets the browser skip messages off screen (`content-visibility`) and remember their last size.
 */
import type { AssistantMessageView } from './assistantMessageView';

/** Replies within this distance of the viewport (above and below, in viewport heights) are drawn. */
const NEAR = '100% 0px';
/** Replies farther than this go back to plain text, unless they are among the newest. */
const FAR = '400% 0px';

export class ReplyDrawing {
  private readonly byElement = new Map<Element, AssistantMessageView>();
  private readonly near = new Set<AssistantMessageView>();
  /** Replies beyond `FAR`: drawn only while among the newest. */
  private readonly far = new Set<AssistantMessageView>();
  private readonly nearObserver: IntersectionObserver;
  private readonly farObserver: IntersectionObserver;

  /** `isNewest` tells the replies that stay drawn wherever the user scrolls. */
  constructor(
    scroller: HTMLElement,
    private readonly isNewest: (view: AssistantMessageView) => boolean,
  ) {
    this.nearObserver = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const view = this.byElement.get(entry.target);
        if (!view) continue;
        if (entry.isIntersecting) {
          this.near.add(view);
          view.draw();
        } else {
          this.near.delete(view);
        }
      }
    }, { root: scroller, rootMargin: NEAR });
    this.farObserver = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const view = this.byElement.get(entry.target);
        if (!view) continue;
        if (entry.isIntersecting) this.far.delete(view);
        else this.far.add(view);
      }
      this.undrawFar();
    }, { root: scroller, rootMargin: FAR });
  }

  /** Undraws the replies far off screen that are not among the newest (again after messages were added). */
  undrawFar(): void {
    for (const view of this.far) if (!this.isNewest(view)) view.undraw();
  }

  /** Starts drawing a reply that is on the page: now if it is among the newest, else when it comes near. */
  watch(view: AssistantMessageView): void {
    this.byElement.set(view.element, view);
    this.nearObserver.observe(view.element);
    this.farObserver.observe(view.element);
    if (this.isNewest(view) || view.message.status === 'streaming') view.draw();
    else view.undraw();
  }

  /** Stops drawing a reply that left the page. */
  unwatch(view: AssistantMessageView): void {
    view.dispose();
    this.nearObserver.unobserve(view.element);
    this.farObserver.unobserve(view.element);
    this.byElement.delete(view.element);
    this.near.delete(view);
    this.far.delete(view);
  }

  /** Whether the reply is near the viewport (its drawing goes first). */
  isNear(view: AssistantMessageView): boolean {
    return this.near.has(view);
  }
}
