/**
 * Splits markdown that arrives piece by piece into top-level blocks, so the webview can render each finished block
 * once and re-render only the unfinished last one. Pure string logic, no DOM: unit-tested in plain mocha.
 *
 * A split is only made where marked (GFM) also ends a top-level block, so rendering the blocks one by one gives the
 * same HTML as rendering the whole text. When unsure the splitter keeps lines together: a bigger block costs a
 * little time, a wrong split changes the output. Known gaps: link reference definitions used in another block, and
 * HTML blocks that span blank lines (`<pre>`, comments), which the webview shows as escaped text anyway.
 *
 * Cost: each line is classified once, when its newline arrives; finished text is dropped, so memory and work per
 * `push` depend on the size of the new text and the current block, not on the length of the whole reply.
 */

type Mode = 'none' | 'paragraph' | 'table' | 'quote' | 'list' | 'fence' | 'indented';

interface Fence {
  char: '`' | '~';
  length: number;
  /** Offset in the pending text where the code starts (the line after the opening fence). */
  bodyStart: number;
  info: string;
}

/** A fenced code block still open at the end of the text: the renderer shows it as plain code while it grows. */
export interface OpenFence {
  /** Language word of the info string (`ts` in ```` ```ts title=x ````), or ''. */
  language: string;
  /** Offset in `tail` where the code starts. */
  bodyStart: number;
  /** Offset in `tail` where the last complete line of code ends; after it comes a partial line. */
  bodyEnd: number;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^[ \t]*(`{3,}|~{3,}) *$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const SETEXT_DASHES = /^ {0,3}-+ *$/;
const LIST_ITEM = /^( {0,3})([*+-]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/;
const QUOTE = /^ {0,3}>/;
/** A GFM table delimiter row (`| --- | :-: |`); without a pipe, `---` is a setext underline instead. */
const TABLE_DELIMITER = /^(?=.*\|) {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Columns of leading whitespace, tabs to the next multiple of 4 (as CommonMark counts them). */
function indentOf(line: string): number {
  let cols = 0;
  for (const ch of line) {
    if (ch === ' ') cols += 1;
    else if (ch === '\t') cols += 4 - (cols % 4);
    else break;
  }
  return cols;
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Parses an opening fence line; backtick fences may not have a backtick in their info string. */
function parseFenceOpen(line: string, bodyStart: number): Fence | undefined {
  const m = FENCE_OPEN.exec(line);
  if (!m) return undefined;
  const char = m[2][0] as '`' | '~';
  if (char === '`' && m[3].includes('`')) return undefined;
  return { char, length: m[2].length, bodyStart, info: m[3].trim() };
}

function closesFence(line: string, fence: Fence, maxIndent: number): boolean {
  const m = FENCE_CLOSE.exec(line);
  return !!m && indentOf(line) <= maxIndent && m[1][0] === fence.char && m[1].length >= fence.length;
}

/** Column where the content of a list item starts (marker + 1–4 spaces; 5+ spaces mean indented code: 1). */
function listContentIndent(line: string): number | undefined {
  const m = LIST_ITEM.exec(line);
  if (!m) return undefined;
  const markerEnd = m[1].length + m[2].length;
  const spaces = m[3] === undefined || m[4] === '' ? 1 : indentOf(m[3]);
  return markerEnd + (spaces > 4 ? 1 : spaces);
}

/** Lists interrupt a paragraph only with content, and an ordered one only when it starts at 1 (CommonMark/marked). */
function listInterruptsParagraph(line: string): boolean {
  const m = LIST_ITEM.exec(line);
  return !!m && !!m[4]?.trim() && (/^[*+-]$/.test(m[2]) || /^1[.)]$/.test(m[2]));
}

/** Incremental splitter: `push` text as it streams, read finished blocks from its result and the rest from `tail`. */
export class BlockSplitter {
  /** Text of the current, unfinished block (finished text is cut off the front). */
  private text = '';
  /** Offset in `text` of the first line not classified yet (the start of the partial last line). */
  private scanned = 0;
  private mode: Mode = 'none';
  /** The fence being read: top level in `fence` mode, or nested in a list item in `list` mode. */
  private fence: Fence | undefined;
  /** Content column of the current top-level list item. */
  private listIndent = 0;
  private previousBlank = false;
  private finished: string[] = [];

  /** Appends streamed text; returns the blocks this text finished, in order. */
  push(chunk: string): string[] {
    this.text += chunk;
    let newline: number;
    while ((newline = this.text.indexOf('\n', this.scanned)) !== -1) {
      const lineStart = this.scanned;
      const line = this.text.slice(lineStart, this.text[newline - 1] === '\r' ? newline - 1 : newline);
      this.scanned = newline + 1;
      this.classify(line, lineStart);
    }
    const done = this.finished;
    this.finished = [];
    return done;
  }

  /** Ends the text: returns the blocks still pending (the last line counts as complete) and resets the splitter. */
  finish(): string[] {
    if (this.scanned < this.text.length) {
      const lineStart = this.scanned;
      this.scanned = this.text.length;
      this.classify(this.text.slice(lineStart), lineStart);
    }
    const done = this.finished;
    this.finished = [];
    const rest = this.text;
    this.text = '';
    this.scanned = 0;
    this.mode = 'none';
    this.fence = undefined;
    this.previousBlank = false;
    return isBlank(rest) ? done : [...done, rest];
  }

  /** The unfinished last block, including a partial last line. */
  get tail(): string {
    return this.text;
  }

  /** Set while the last block is a top-level fenced code block whose closing fence has not arrived. */
  get openFence(): OpenFence | undefined {
    if (this.mode !== 'fence' || !this.fence) return undefined;
    return {
      language: this.fence.info.split(/\s+/, 1)[0] ?? '',
      bodyStart: this.fence.bodyStart,
      bodyEnd: Math.max(this.fence.bodyStart, this.scanned),
    };
  }

  /** Emits `text[0, end)` as a finished block and keeps the rest as the pending block. */
  private cut(end: number): void {
    this.finished.push(this.text.slice(0, end));
    this.text = this.text.slice(end);
    this.scanned -= end;
    if (this.fence) this.fence.bodyStart -= end;
  }

  /** Ends the current block before this line and classifies the line as the start of a new one. */
  private cutBefore(line: string, lineStart: number): void {
    this.cut(lineStart);
    this.mode = 'none';
    this.fence = undefined;
    this.start(line);
  }

  /** Ends the current block after this line. */
  private cutAfter(): void {
    this.cut(this.scanned);
    this.mode = 'none';
    this.fence = undefined;
  }

  private classify(line: string, lineStart: number): void {
    switch (this.mode) {
      case 'none':
        return this.start(line);
      case 'fence':
        if (closesFence(line, this.fence!, 3)) this.cutAfter();
        return;
      case 'indented':
        if (!isBlank(line) && indentOf(line) < 4) this.cutBefore(line, lineStart);
        return;
      case 'paragraph':
        return this.inParagraph(line, lineStart);
      case 'table':
      case 'quote':
        // Rows and quoted lines run to a blank line; a fence must still be seen, or its blank lines would cut it.
        if (isBlank(line)) this.cutAfter();
        else if (parseFenceOpen(line, 0)) this.cutBefore(line, lineStart);
        return;
      case 'list':
        return this.inList(line, lineStart);
    }
  }

  /** Classifies the first line of a block. */
  private start(line: string): void {
    this.previousBlank = false;
    if (isBlank(line)) return; // leading blank lines belong to the next block
    if (indentOf(line) >= 4) {
      this.mode = 'indented';
      return;
    }
    const fence = parseFenceOpen(line, this.scanned);
    if (fence) {
      this.mode = 'fence';
      this.fence = fence;
    } else if (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line)) {
      this.cutAfter();
    } else if (LIST_ITEM.test(line)) {
      this.mode = 'list';
      this.enterItem(line);
    } else if (QUOTE.test(line)) {
      this.mode = 'quote';
    } else {
      this.mode = 'paragraph';
    }
  }

  private inParagraph(line: string, lineStart: number): void {
    if (isBlank(line)) return this.cutAfter();
    if (indentOf(line) >= 4) return; // lazy continuation: indented code cannot interrupt a paragraph
    if (TABLE_DELIMITER.test(line) && !this.text.slice(0, lineStart).trim().includes('\n')) {
      this.mode = 'table';
      return;
    }
    // `text` + `---` is a setext heading (or, after some lines, a break): either way the block ends here.
    if (SETEXT_DASHES.test(line)) return this.cutAfter();
    if (
      parseFenceOpen(line, 0) ||
      ATX_HEADING.test(line) ||
      THEMATIC_BREAK.test(line) ||
      QUOTE.test(line) ||
      listInterruptsParagraph(line)
    ) {
      this.cutBefore(line, lineStart);
    }
  }

  /** Starts a top-level list item; its first line may already open a code block (`- ```sh`). */
  private enterItem(line: string): void {
    this.listIndent = listContentIndent(line)!;
    this.fence = parseFenceOpen(line.slice(this.listIndent), 0);
  }

  private inList(line: string, lineStart: number): void {
    const blank = isBlank(line);
    const indent = indentOf(line);
    if (this.fence) {
      // Inside a code block of a list item nothing ends the list: blank lines and `#` comments are code.
      if (closesFence(line, this.fence, indent)) this.fence = undefined;
    } else if (blank || indent >= this.listIndent) {
      if (!blank) this.fence = parseFenceOpen(line.slice(Math.min(indent, this.listIndent)), 0);
    } else if (THEMATIC_BREAK.test(line)) {
      return this.cutBefore(line, lineStart);
    } else if (LIST_ITEM.test(line)) {
      this.enterItem(line);
    } else if (this.previousBlank || parseFenceOpen(line, 0) || ATX_HEADING.test(line) || QUOTE.test(line)) {
      return this.cutBefore(line, lineStart);
    }
    this.previousBlank = blank;
  }
}

/** Splits a whole text at once; the same result as pushing it in any pieces and calling `finish`. */
export function splitBlocks(text: string): string[] {
  const splitter = new BlockSplitter();
  return [...splitter.push(text), ...splitter.finish()];
}
