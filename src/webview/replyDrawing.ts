/**
 * Which replies of the conversation are drawn (formatted): the newest ones at once, the others when they come near
 * the viewport; and a reply far off screen goes back to its plain text, so the elements (and memory) of a long
 * conversation do not grow with the messages nobody looks at. A message's size is kept meanwhile: the stylesheet
 * lets the browser skip messages off screen (`content-visibility`) and remember their last size.
 */
import type { AssistantMessageView } from './assistantMessageView';
import { NearViewport } from './nearViewport';

/** Replies within this distance of the viewport (above and below, in viewport heights) are drawn. */
const NEAR = '100% 0px';
/** Replies farther than this go back to plain text, unless they are among the newest. */
const FAR = '400% 0px';
/** The viewport itself: a reply counts as drawn once what is there is formatted. */
const IN_VIEW = '0px';

export class ReplyDrawing {
  /** Near the viewport: replies there are drawn, and so are the blocks of a long reply there first. */
  readonly nearViewport: NearViewport;
  /** In the viewport: a long reply counts as drawn once its blocks there are formatted. */
  readonly inViewport: NearViewport;
  private readonly farViewport: NearViewport;
  private readonly near = new Set<AssistantMessageView>();
  /** Replies beyond `FAR`: drawn only while among the newest. */
  private readonly far = new Set<AssistantMessageView>();

  /** `isNewest` tells the replies that stay drawn wherever the user scrolls. */
  constructor(
    scroller: HTMLElement,
    private readonly isNewest: (view: AssistantMessageView) => boolean,
  ) {
    this.nearViewport = new NearViewport(scroller, NEAR);
    this.inViewport = new NearViewport(scroller, IN_VIEW);
    this.farViewport = new NearViewport(scroller, FAR);
  }

  /** Undraws the replies far off screen that are not among the newest (again after messages were added). */
  undrawFar(): void {
    for (const view of this.far) if (!this.isNewest(view)) view.undraw();
  }

  /** Starts drawing a reply that is on the page: now if it is among the newest, else when it comes near. */
  watch(view: AssistantMessageView): void {
    this.nearViewport.watch(view.element, (near) => {
      if (!near) {
        this.near.delete(view);
        return;
      }
      this.near.add(view);
      view.draw();
    });
    this.farViewport.watch(view.element, (inside) => {
      if (inside) {
        this.far.delete(view);
      } else {
        this.far.add(view);
        if (!this.isNewest(view)) view.undraw();
      }
    });
    if (this.isNewest(view) || view.message.status === 'streaming') view.draw();
    else view.undraw();
  }

  /** Stops drawing a reply that left the page. */
  unwatch(view: AssistantMessageView): void {
    view.dispose();
    this.nearViewport.unwatch(view.element);
    this.farViewport.unwatch(view.element);
    this.near.delete(view);
    this.far.delete(view);
  }

  /** Whether the reply is near the viewport (its drawing goes first). */
  isNear(view: AssistantMessageView): boolean {
    return this.near.has(view);
  }
}
