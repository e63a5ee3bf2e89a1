/**
 * Renders a reply as it streams: finished markdown blocks are rendered once and never touched again; only the
 * unfinished last block is rendered anew on each update. A code block still open at the end is not re-rendered
 * at all: its new complete lines are appended as text (highlighting comes once, when its fence closes).
 * Finished blocks go into chunks of a few blocks each, which the stylesheet lays out and paints on their own, so
 * the browser's work per update does not grow with the reply either (it skips unchanged chunks as a whole).
 * So the cost of an update depends on the new text and the last block, not on the length of the reply.
 *
 * No block can hold up the view: one that would cost too much to format is shown as plain text (see
 * `renderLimits`), and so is one that fails to render (reported through `onError`); many finished blocks at once
 * (a long stored reply) are rendered a few milliseconds at a time, one frame after another; and an unfinished block
 * that is slow to render is rendered again only after a pause a few times as long as it took.
 */
import { BlockSplitter } from './blocks';
import { createCodeBlock } from './codeBlock';
import { h } from './dom';
import { textWithInvisibles } from './invisibleChars';
import { renderMarkdown } from './markdown';
import { plainText, type PlainText } from './plainText';
import { plainTextReason } from './renderLimits';

/** Finished blocks per chunk: small enough to re-lay out cheaply, large enough to keep few chunks. */
const BLOCKS_PER_CHUNK = 16;
/** Milliseconds of rendering finished blocks per frame; the rest waits for the next frame. */
const SLICE_MS = 8;
/** The unfinished block is rendered again no sooner than this many times its last render took (≤ 1/4 of the time). */
const TAIL_RENDER_SPACING = 3;

interface OpenCode {
  code: HTMLElement;
  /** Offset in the splitter's tail up to which code lines are in the DOM. */
  rendered: number;
  /** The partial last line, replaced on each update (it may turn out to be the closing fence). */
  partial: Text;
}

export class StreamingMarkdown {
  private readonly splitter = new BlockSplitter();
  /** Holds the unfinished block; `display: contents`, so it does not change the layout. */
  private readonly tailEl = h('div', { className: 'markdown-tail' });
  private chunk: HTMLElement | undefined;
  private blocksInChunk = 0;
  /** Finished blocks not rendered yet, from `next` on. */
  private queue: string[] = [];
  private next = 0;
  private frame = 0;
  private openCode: OpenCode | undefined;
  /** Set while the unfinished block is shown as plain text. */
  private plainTail: PlainText | undefined;
  private renderedTail = '';
  /** When the unfinished block may be rendered again (`performance.now()` time), and the timer waiting for it. */
  private tailDue = 0;
  private tailTimer: ReturnType<typeof setTimeout> | undefined;

  /** `onError` hears of each block that failed to render (it is shown as plain text). */
  constructor(
    root: HTMLElement,
    private readonly onError: (error: unknown) => void,
  ) {
    root.append(this.tailEl);
  }

  /** Adds streamed text. */
  append(text: string): void {
    if (!text) return;
    this.enqueue(this.splitter.push(text));
    this.renderTail();
  }

  /** The reply is complete: renders the last block as a finished one. */
  finish(): void {
    this.enqueue(this.splitter.finish());
    this.clearTail();
  }

  /** Stops any rendering still to come (the reply is shown anew elsewhere). */
  dispose(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.tailTimer);
    this.queue = [];
    this.next = 0;
  }

  private enqueue(blocks: string[]): void {
    if (blocks.length === 0) return;
    // What the tail showed is now among the finished blocks.
    this.clearTail();
    this.queue.push(...blocks);
    if (!this.frame) this.renderQueued();
  }

  /** Renders queued blocks for up to `SLICE_MS` (at least one), then lets a frame pass before the rest. */
  private renderQueued(): void {
    this.frame = 0;
    // A reply that left the page meanwhile (another conversation shown) is not worth the work.
    if (!this.tailEl.isConnected && this.next > 0) return this.dispose();
    const start = performance.now();
    do {
      this.appendBlock(this.queue[this.next++]);
    } while (this.next < this.queue.length && performance.now() - start < SLICE_MS);
    if (this.next < this.queue.length) {
      this.frame = requestAnimationFrame(() => this.renderQueued());
      return;
    }
    this.queue = [];
    this.next = 0;
    this.renderTail();
  }

  private appendBlock(block: string): void {
    if (!this.chunk || this.blocksInChunk === BLOCKS_PER_CHUNK) {
      this.chunk = h('div', { className: 'markdown-chunk' });
      this.tailEl.before(this.chunk);
      this.blocksInChunk = 0;
    }
    this.chunk.append(this.render(block));
    this.blocksInChunk++;
  }

  /** A block formatted, or as plain text if rendering it failed. */
  private render(block: string): Node {
    try {
      return renderMarkdown(block);
    } catch (err) {
      this.onError(err);
      return plainText(block.trimEnd(), 'This part could not be formatted.').element;
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

  private renderTail(): void {
    // Finished blocks come first; the tail follows once they are all on the page.
    if (this.frame) return;
    const tail = this.splitter.tail;
    if (tail === this.renderedTail) return;
    const fence = this.splitter.openFence;
    if (fence) return this.renderOpenCode(tail, fence.language, fence.bodyStart, fence.bodyEnd);
    this.openCode = undefined;
    if (this.plainTail && tail.startsWith(this.renderedTail)) {
      // Limits only grow with the text: a block over one stays over it.
      this.plainTail.append(tail.slice(this.renderedTail.length));
      this.renderedTail = tail;
      return;
    }
    const tooCostly = plainTextReason(tail);
    if (tooCostly) {
      this.plainTail = plainText(tail, tooCostly);
      this.tailEl.replaceChildren(this.plainTail.element);
      this.renderedTail = tail;
      return;
    }
    const now = performance.now();
    if (now < this.tailDue) {
      this.tailTimer ??= setTimeout(() => {
        this.tailTimer = undefined;
        this.renderTail();
      }, this.tailDue - now);
      return;
    }
    this.plainTail = undefined;
    this.tailEl.replaceChildren(this.render(tail));
    this.renderedTail = tail;
    // The layout it causes is part of its cost (most of it, for a table); the frame would do it anyway.
    void this.tailEl.parentElement?.offsetHeight;
    const end = performance.now();
    this.tailDue = end + (end - now) * TAIL_RENDER_SPACING;
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
