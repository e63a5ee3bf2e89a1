/**
 * Renders a reply as it streams: finished markdown blocks are rendered once and never touched again; only the
 * unfinished last block is rendered anew on each update. A code block still open at the end is not re-rendered
 * at all: its new complete lines are appended as text (highlighting comes once, when its fence closes).
 * Finished blocks go into chunks of a few blocks each, which the stylesheet lays out and paints on their own, so
 * the browser's work per update does not grow with the reply either (it skips unchanged chunks as a whole).
 * So the cost of an update depends on the new text and the last block, not on the length of the reply.
 */
import { BlockSplitter } from './blocks';
import { createCodeBlock } from './codeBlock';
import { h } from './dom';
import { renderMarkdown } from './markdown';

/** Finished blocks per chunk: small enough to re-lay out cheaply, large enough to keep few chunks. */
const BLOCKS_PER_CHUNK = 16;

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
  private openCode: OpenCode | undefined;
  private renderedTail = '';

  constructor(root: HTMLElement) {
    root.append(this.tailEl);
  }

  /** Adds streamed text. */
  append(text: string): void {
    if (!text) return;
    const done = this.splitter.push(text);
    this.appendFinished(done);
    this.renderTail();
  }

  /** The reply is complete: renders the last block as a finished one. */
  finish(): void {
    this.appendFinished(this.splitter.finish());
    this.tailEl.replaceChildren();
  }

  private appendFinished(blocks: string[]): void {
    if (blocks.length === 0) return;
    // What the tail showed is now among the finished blocks.
    this.openCode = undefined;
    this.renderedTail = '';
    this.tailEl.replaceChildren();
    for (const block of blocks) {
      if (!this.chunk || this.blocksInChunk === BLOCKS_PER_CHUNK) {
        this.chunk = h('div', { className: 'markdown-chunk' });
        this.tailEl.before(this.chunk);
        this.blocksInChunk = 0;
      }
      this.chunk.append(renderMarkdown(block));
      this.blocksInChunk++;
    }
  }

  private renderTail(): void {
    const tail = this.splitter.tail;
    if (tail === this.renderedTail) return;
    this.renderedTail = tail;
    const fence = this.splitter.openFence;
    if (!fence) {
      this.openCode = undefined;
      this.tailEl.replaceChildren(renderMarkdown(tail));
      return;
    }
    if (!this.openCode) {
      const block = createCodeBlock(fence.language);
      this.openCode = { code: block.code, rendered: fence.bodyStart, partial: document.createTextNode('') };
      block.code.append(this.openCode.partial);
      this.tailEl.replaceChildren(block.element);
    }
    const open = this.openCode;
    if (fence.bodyEnd > open.rendered) {
      open.partial.before(tail.slice(open.rendered, fence.bodyEnd));
      open.rendered = fence.bodyEnd;
    }
    open.partial.data = tail.slice(fence.bodyEnd);
  }
}
