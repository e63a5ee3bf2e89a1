/**
 * Renders a reply as it streams: finished markdown blocks are rendered once and never touched again; only the
 * unfinished last block is rendered anew on each update. A code block still open at the end is not re-rendered
 * at all: its new complete lines are appended as text (highlighting comes once, when its fence closes).
 * Finished blocks go into chunks of a few blocks each, which the stylesheet lays out and paints on their own, so
 * the browser's work per update does not grow with the reply either (it skips unchanged chunks as a whole).
 * So the cost of an update depends on the new text and the last block, not on the length of the reply.
 *
 * No block can hold up the view: one that would cost too much to format is shown as plain text (see
 * `renderLimits`), and so is one that fails to render (reported through `onError`). All the work is done a unit at
 * a time by the view's frame scheduler (new text split into blocks a piece at a time, then a few blocks per unit), so
 * a burst of text or a long stored reply is drawn over several frames, within each frame's budget. Each finished
 * block is on the page at once as its text, unformatted, and is formatted in place later, so blocks can be
 * formatted in any order: those near the viewport first (the newest first while the user follows the end of the
 * conversation, where they look), the ones far off screen only in idle time. An unfinished block that is slow to
 * render is rendered again only after a pause a few times as long as it took.
 */
import { BlockSplitter } from './blocks';
import { createCodeBlock } from './codeBlock';
import { h } from './dom';
import type { NearViewport } from './nearViewport';
import { renderScheduler, PRIORITY, type RenderTask } from './renderScheduler';
import { textWithInvisibles } from './invisibleChars';
import { renderMarkdown } from './markdown';
import { plainText, type PlainText } from './plainText';
import { t } from '../shared/l10n';
import { plainTextReason } from './renderLimits';

/** Finished blocks per chunk: small enough to re-lay out cheaply, large enough to keep few chunks. */
const BLOCKS_PER_CHUNK = 16;
/**
 * Characters of new text the block splitter classifies (and puts on the page as text) per unit of work: about a
 * millisecond, a few in a view just loaded, whose code has not been optimized yet.
 */
const SPLIT_CHARS = 4_000;
/**
 * Consecutive finished blocks formatted in one unit: up to this many characters and blocks (a longer block goes
 * alone). Blocks with code or tables cost about a millisecond each (their frames and buttons), three times that in a
 * view just loaded; the scheduler checks its time between units, so a unit must stay well within a slice.
 */
const RUN_CHARS = 1_000;
const RUN_BLOCKS = 4;
/**
 * The unfinished block is rendered again no sooner than this many times its last render took (≤ 1/7 of the time).
 * It is rendered in the frame's draw, so its time is the frame's: on a 2-core machine where a 40-character block took
 * 4–10 ms to render, a reply streaming at 1,000 tokens/s had it rendered in almost every draw. Its layout is left to
 * the frame (measuring it by forcing a layout made the page lay out twice when more work followed in the same slice).
 */
const TAIL_RENDER_SPACING = 6;

/** How a reply is drawn among the others, and who hears how it goes. */
export interface StreamingMarkdownOptions {
  /** Hears of each block that failed to render (it is shown as plain text). */
  onError(error: unknown): void;
  /** Hears that `drawn` may have become true. */
  onDrawn(): void;
  /** Whether the user follows the end of the conversation: then the reply's newest text is drawn first. */
  newestFirst(): boolean;
  /** 0…1, higher for a reply the user is more likely to look at: drawn before the others. */
  rank(): number;
  /**
   * Milliseconds formatting waits (0: none): while the reply streams in a burst, its text goes on the page as it
   * comes and is formatted once the burst is over.
   */
  formattingHeldMs(): number;
  /** Tells which chunks of blocks are near the viewport: those are formatted first, the others after all else. */
  nearViewport: NearViewport;
  /** Tells which chunks are in the viewport: the reply counts as drawn once those are formatted. */
  inViewport: NearViewport;
  /**
   * Where the viewport is while the user follows the end, laid out as it is now (it scrolls to the end before the
   * next frame); undefined when the user does not follow it, or when content after this reply could hide it.
   */
  followedViewport(): ViewportBand | undefined;
}

/** A stretch of the page between two heights, in `getBoundingClientRect` coordinates. */
export interface ViewportBand {
  top: number;
  bottom: number;
}

/** A chunk laid out whole even if `content-visibility` would skip it (see {@link StreamingMarkdown.settleVisibility}). */
const MEASURED_CHUNK = 'markdown-chunk-measured';

interface OpenCode {
  code: HTMLElement;
  /** Offset in the splitter's tail up to which code lines are in the DOM. */
  rendered: number;
  /** The partial last line, replaced on each update (it may turn out to be the closing fence). */
  partial: Text;
}

/** A finished block not formatted yet, and the element that shows its text meanwhile, unformatted. */
interface PendingBlock {
  markdown: string;
  slot: HTMLElement;
}

/** A chunk of finished blocks: those not formatted yet (consecutive, in order), and whether it is near the viewport. */
interface Chunk {
  element: HTMLElement;
  pending: PendingBlock[];
  /**
   * Undefined until the browser has said: meanwhile the chunk's blocks are formatted first only if it is the newest
   * chunk while the user follows the end (that is where they look), and the reply does not count as drawn.
   */
  near: boolean | undefined;
  /** In the viewport (undefined until the browser has said: meanwhile the reply does not count as drawn). */
  visible: boolean | undefined;
}

export class StreamingMarkdown {
  private readonly splitter = new BlockSplitter();
  /** Holds the unfinished block; `display: contents`, so it does not change the layout. */
  private readonly tailEl = h('div', { className: 'markdown-tail' });
  private chunk: HTMLElement | undefined;
  private blocksInChunk = 0;
  /** The chunks with blocks not formatted yet, and the last one, in page order. */
  private readonly chunks = new Map<HTMLElement, Chunk>();
  /** Text given to `append` that the splitter has not seen yet. */
  private input = '';
  /** `finish` was called; done once the input is split. */
  private ending = false;
  /** All the reply's text is split into blocks (its last block too): no chunk is added any more. */
  private complete = false;
  /** The complete reply was drawn once: from then on the browser's reports say what is in the viewport. */
  private drawnOnce = false;
  private openCode: OpenCode | undefined;
  /** Set while the unfinished block is shown as plain text. */
  private plainTail: PlainText | undefined;
  private renderedTail = '';
  /** When the unfinished block may be rendered again (`performance.now()` time), and the timer waiting for it. */
  private tailDue = 0;
  private tailTimer: ReturnType<typeof setTimeout> | undefined;
  /** Brings the formatting back when the burst that holds it may be over. */
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly task: RenderTask = {
    step: () => this.step(),
    // Text far off screen is already on the page, unformatted: formatting it waits for everything else.
    priority: () => (this.urgent() ? PRIORITY.replies + this.options.rank() : PRIORITY.farBlocks),
  };

  constructor(
    root: HTMLElement,
    private readonly options: StreamingMarkdownOptions,
  ) {
    root.append(this.tailEl);
  }

  /** Adds streamed text; it is drawn by the frame scheduler (at once, if this frame's budget allows). */
  append(text: string): void {
    if (!text) return;
    this.input += text;
    this.schedule();
  }

  /** The reply is complete: its last block is rendered as a finished one. */
  finish(): void {
    this.ending = true;
    this.schedule();
  }

  /**
   * Whether all the text given so far is on the page and formatted in the viewport (highlighting aside): what is on
   * screen is the reply as it will stay. Blocks near the viewport are formatted next, those far off screen in idle
   * time; until then they show their text unformatted.
   */
  get drawn(): boolean {
    if (this.input || this.ending || this.splitter.tail !== this.renderedTail) return false;
    this.settleVisibility();
    const drawn = this.nextChunk('maybeVisible') === undefined;
    if (drawn && this.complete) this.drawnOnce = true;
    return drawn;
  }

  /** Stops any rendering still to come (the reply is shown anew, or not at all). */
  dispose(): void {
    this.disposed = true;
    renderScheduler.remove(this.task);
    clearTimeout(this.tailTimer);
    clearTimeout(this.holdTimer);
    for (const element of this.chunks.keys()) this.unwatch(element);
    this.chunks.clear();
  }

  /**
   * Work the user waits for: text not on the page yet, or blocks near the viewport not formatted yet (unless
   * formatting is held during a burst).
   */
  private urgent(): boolean {
    return !!this.input || this.ending || (this.splitter.tail !== this.renderedTail && this.tailTimer === undefined)
      || (this.options.formattingHeldMs() === 0 && (this.nextChunk('near') ?? this.nextChunk('visible')) !== undefined);
  }

  /**
   * The chunk whose pending blocks are formatted next (the newest one while the user follows the end, else the
   * oldest) with blocks not formatted yet: among those in the viewport, near it (see {@link Chunk.near}), those that
   * are or may be in it (not known yet), or all.
   */
  private nextChunk(among: 'visible' | 'near' | 'maybeVisible' | 'all'): Chunk | undefined {
    let found: Chunk | undefined;
    for (const chunk of this.chunks.values()) {
      if (chunk.pending.length === 0) continue;
      if (among === 'visible' && chunk.visible !== true) continue;
      if (among === 'maybeVisible' && chunk.visible === false) continue;
      if (among === 'near' && !(chunk.near ?? (chunk.element === this.chunk && this.options.newestFirst()))) continue;
      found = chunk;
      if (!this.options.newestFirst()) break;
    }
    return found;
  }

  private schedule(): void {
    if (!this.disposed) renderScheduler.add(this.task);
  }

  /** One unit of work: some new text split into blocks, or one block rendered. Returns whether work is left. */
  private step(): boolean {
    if (this.input) {
      this.split();
      return true;
    }
    if (this.ending) {
      this.ending = false;
      this.enqueue(this.splitter.finish());
      this.clearTail();
      this.complete = true;
      return true;
    }
    // An unfinished block that was slow to render waits for its timer.
    const tailDue = this.splitter.tail !== this.renderedTail && this.tailTimer === undefined;
    const near = (this.settleVisibility() && this.nextChunk('visible')) || this.nextChunk('near');
    if (tailDue && (this.options.newestFirst() || !near) && this.renderTail()) return this.drawnSoFar();
    const chunk = near ?? this.nextChunk('all');
    const held = chunk ? this.options.formattingHeldMs() : 0;
    if (chunk && held === 0) {
      this.renderPending(chunk);
      return this.drawnSoFar();
    }
    if (held > 0) {
      this.holdTimer ??= setTimeout(() => {
        this.holdTimer = undefined;
        this.schedule();
      }, held);
    }
    this.options.onDrawn();
    return false;
  }

  /** Tells `onDrawn` once the text is all on the page; returns true (work is left). */
  private drawnSoFar(): boolean {
    if (this.drawn) this.options.onDrawn();
    return true;
  }

  /** Gives the splitter the next piece of the input, cut after a line where possible (it classifies whole lines). */
  private split(): void {
    let end = this.input.length;
    if (end > SPLIT_CHARS) {
      const newline = this.input.lastIndexOf('\n', SPLIT_CHARS);
      end = newline === -1 ? SPLIT_CHARS : newline + 1;
    }
    const piece = this.input.slice(0, end);
    this.input = this.input.slice(end);
    this.enqueue(this.splitter.push(piece));
  }

  /**
   * Puts each finished block on the page as its text, unformatted, to be formatted later: the text is there at once
   * (find in page, screen readers, the user scrolling to it), whatever the formatting still to do.
   */
  private enqueue(blocks: string[]): void {
    if (blocks.length === 0) return;
    // What the tail showed is now among the finished blocks.
    this.clearTail();
    for (const markdown of blocks) {
      if (!this.chunk || this.blocksInChunk === BLOCKS_PER_CHUNK) this.startChunk();
      const slot = h('div', { className: 'markdown-unformatted' }, textWithInvisibles(markdown.trimEnd(), false));
      this.chunk!.append(slot);
      this.blocksInChunk++;
      this.chunks.get(this.chunk!)!.pending.push({ markdown, slot });
    }
  }

  private startChunk(): void {
    const element = h('div', { className: 'markdown-chunk' });
    const chunk: Chunk = { element, pending: [], near: undefined, visible: undefined };
    this.tailEl.before(element);
    const previous = this.chunk;
    this.chunks.set(element, chunk);
    this.chunk = element;
    if (previous) this.retire(this.chunks.get(previous));
    this.blocksInChunk = 0;
    this.options.nearViewport.watch(element, (near) => {
      chunk.near = near;
      // Formatting it becomes urgent.
      if (near && chunk.pending.length > 0) this.schedule();
    });
    this.options.inViewport.watch(element, (visible) => {
      chunk.visible = visible;
      // The rest of the reply may now count as drawn.
      if (!visible && chunk.pending.length > 0 && this.drawn) this.options.onDrawn();
    });
  }

  private unwatch(element: HTMLElement): void {
    this.options.nearViewport.unwatch(element);
    this.options.inViewport.unwatch(element);
  }

  /**
   * Once the whole reply is on the page and the user follows the end: which chunks are in the viewport, read from the
   * layout now rather than from the browser's report after the next frame (which would keep a reply that is drawn
   * counted as busy one frame longer, and format what is on screen one frame later). Walks up from the end: a
   * chunk's bottom is exact when everything below it is laid out, so the first chunk that ends above the viewport,
   * and every chunk before it, are off screen. A chunk in the viewport that `content-visibility` would skip (its
   * size a guess until the browser draws it) is laid out whole from then on, so the next one up is exact too (a
   * few chunks at the end of a reply; the browser still skips the reply whole when it is off screen).
   * Only until the reply is drawn (each reading lays the page out); returns whether it could tell (else the
   * browser's reports decide).
   */
  private settleVisibility(): boolean {
    if (!this.complete || this.drawnOnce) return false;
    let band = this.options.followedViewport();
    if (!band) return false;
    let el = this.tailEl.previousElementSibling;
    for (; el; el = el.previousElementSibling) {
      const { top, bottom } = el.getBoundingClientRect();
      if (bottom <= band.top) break;
      const chunk = this.chunks.get(el as HTMLElement);
      if (chunk) chunk.visible = top < band.bottom;
      // Only a chunk the browser skips now (changing one it draws would make it style and lay that one out anew);
      // laid out whole, it moves where the end is.
      if (el.firstElementChild?.checkVisibility({ contentVisibilityAuto: true }) === false) {
        el.classList.add(MEASURED_CHUNK);
        band = this.options.followedViewport();
        if (!band) return false;
      }
    }
    for (; el; el = el.previousElementSibling) {
      const chunk = this.chunks.get(el as HTMLElement);
      if (chunk) chunk.visible = false;
    }
    return true;
  }

  /**
   * Formats the chunk's newest (or oldest) pending blocks: consecutive ones, up to `RUN_CHARS` and `RUN_BLOCKS` (at
   * least one), in one go (the sanitizer has a cost per call besides the one per character).
   */
  private renderPending(chunk: Chunk): void {
    const { pending } = chunk;
    const newestFirst = this.options.newestFirst();
    const at = (i: number): PendingBlock => (newestFirst ? pending[pending.length - 1 - i] : pending[i]);
    let count = 1;
    let chars = at(0).markdown.length;
    while (count < RUN_BLOCKS && count < pending.length && chars + at(count).markdown.length <= RUN_CHARS) chars += at(count++).markdown.length;
    const run = newestFirst ? pending.splice(pending.length - count, count) : pending.splice(0, count);
    run[0].slot.replaceWith(this.render(run.map((block) => block.markdown)));
    for (const { slot } of run.slice(1)) slot.remove();
    this.retire(chunk);
  }

  /** Stops watching a chunk that is all formatted and takes no more blocks. */
  private retire(chunk: Chunk | undefined): void {
    if (!chunk || chunk.pending.length > 0 || chunk.element === this.chunk) return;
    this.unwatch(chunk.element);
    this.chunks.delete(chunk.element);
  }

  /** Blocks formatted; if that fails, each on its own, so only one that fails is shown as plain text. */
  private render(blocks: string[]): Node {
    try {
      return renderMarkdown(blocks);
    } catch (err) {
      if (blocks.length > 1) {
        const each = document.createDocumentFragment();
        for (const block of blocks) each.append(this.render([block]));
        return each;
      }
      this.options.onError(err);
      return plainText(blocks[0].trimEnd(), t('This part could not be formatted.')).element;
    }
  }

  private clearTail(): void {
    clearTimeout(this.tailTimer);
    this.tailTimer = undefined;
    this.openCode = undefined;
    this.plainTail = undefined;
    this.renderedTail = '';
    this.tailEl.replaceChildren();
  }

  /**
   * Shows the unfinished block as it is now; returns false when it must wait (it was slow to render lately: a timer
   * brings the work back).
   */
  private renderTail(): boolean {
    const tail = this.splitter.tail;
    const fence = this.splitter.openFence;
    if (fence) {
      this.renderOpenCode(tail, fence.language, fence.bodyStart, fence.bodyEnd);
      return true;
    }
    this.openCode = undefined;
    if (this.plainTail && tail.startsWith(this.renderedTail)) {
      // Limits only grow with the text: a block over one stays over it.
      this.plainTail.append(tail.slice(this.renderedTail.length));
      this.renderedTail = tail;
      return true;
    }
    const tooCostly = plainTextReason(tail);
    if (tooCostly) {
      this.plainTail = plainText(tail, tooCostly);
      this.tailEl.replaceChildren(this.plainTail.element);
      this.renderedTail = tail;
      return true;
    }
    const now = performance.now();
    if (now < this.tailDue) {
      this.tailTimer ??= setTimeout(() => {
        this.tailTimer = undefined;
        this.schedule();
      }, this.tailDue - now);
      return false;
    }
    this.plainTail = undefined;
    this.tailEl.replaceChildren(this.render([tail]));
    this.renderedTail = tail;
    const end = performance.now();
    this.tailDue = end + (end - now) * TAIL_RENDER_SPACING;
    return true;
  }

  private renderOpenCode(tail: string, language: string, bodyStart: number, bodyEnd: number): void {
    if (!this.openCode) {
      this.plainTail = undefined;
      const block = createCodeBlock(language);
      this.openCode = { code: block.code, rendered: bodyStart, partial: document.createTextNode('') };
      block.code.append(this.openCode.partial);
      this.tailEl.replaceChildren(block.element);
    }
    const open = this.openCode;
    if (bodyEnd > open.rendered) {
      open.partial.before(textWithInvisibles(tail.slice(open.rendered, bodyEnd), true));
      open.rendered = bodyEnd;
    }
    open.partial.data = tail.slice(bodyEnd);
    this.renderedTail = tail;
  }
}
