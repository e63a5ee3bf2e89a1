/**
 * Renders a reply as it streams: finished markdown blocks are rendered once and never touched again; only the
 * unfinished last block is rendered anew on each update. A code block still open at the end is not re-rendered
 * at all: its new complete lines are appended as text (highlighting comes once, when its fence closes).
 * So the cost of an update depends on the new text and the last block, not on the length of the reply.
 */
import { BlockSplitter } from './blocks';
import { createCodeBlock } from './codeBlock';
import { h } from './dom';
import { renderMarkdown } from './markdown';

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
  private openCode: OpenCode | undefined;
  private renderedTail = '';

  constructor(private readonly root: HTMLElement) {
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
    this.renderedTail = '';
  }

  private appendFinished(blocks: string[]): void {
    if (blocks.length === 0) return;
    this.openCode = undefined;
    this.renderedTail = '';
    for (const block of blocks) this.root.insertBefore(renderMarkdown(block), this.tailEl);
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
