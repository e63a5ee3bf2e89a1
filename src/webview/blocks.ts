/**
 * Splits markdown that arrives piece by piece into top-level blocks, so the webview can render each finished block
 * once and re-render only the unfinished last one. Pure string logic, no DOM: unit-tested in plain mocha.
 *
 * A split is only made where marked (GFM) also ends a top-level block, so rendering the blocks one by one gives the
 * same HTML as rendering the whole text; the line rules below mirror marked's block tokenizers (checked against
 * marked on thousands of generated documents in the unit tests). When unsure the splitter keeps lines together: a
 * bigger block costs a little time, a wrong split changes the output. Known gaps: link reference definitions used
 * in another block; setext underlines after lines that start like HTML or after indented lazy lines (the view's
 * marked never takes HTML for HTML, but some of its rules still look for it); and rare lazy-continuation corners
 * of lists nested in block quotes.
 *
 * Cost: each line is classified once, when its newline arrives, and finished text is dropped, so the work per `push`
 * depends on the size of the new text and of the current block, not on the length of the whole reply.
 */

type Mode = 'none' | 'paragraph' | 'table' | 'quote' | 'list' | 'fence' | 'indented';

interface Fence {
  char: '`' | '~';
  length: number;
  info: string;
  /** Offset in the pending text where the code starts (the line after the opening fence). */
  bodyStart: number;
}

/** A fenced code block still open at the end of the text: the renderer shows it as plain code while it grows. */
export interface OpenFence {
  /** First word of the info string (`ts` for ```` ```ts title=x ````), or ''. */
  language: string;
  /** Offset in `tail` where the code starts. */
  bodyStart: number;
  /** Offset in `tail` where the last complete line of code ends; after it comes a partial line. */
  bodyEnd: number;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,}) *$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const LIST_ITEM = /^( {0,3})([*+-]|\d{1,9}([.)]))(?:[ \t]+(.*))?$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
/** A line marked takes for a table's delimiter row when it looks ahead from a paragraph (`---`, `|:-|`). */
const TABLE_DELIMITER = /^ {0,3}(?:\| *)?:?-+:? *(?:\| *:?-+:? *)*(?:\| *)?$/;
/** What ends a table's rows besides a blank line (marked's `table` rule). */
const TABLE_ROW_BREAKERS = [
  /^ {0,3}(?:[*+-]|1[.)])[ \t]/,
  /^(?: {4}| {0,3}\t)\S/,
  /^ {0,3}(?:`{3,}(?=[^`]*$)|~~~)/,
  /^ {0,3}#{1,6}(?:\s|$)/,
  /^ {0,3}>/,
];
const HTML_BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|' +
  'fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|' +
  'menuitem|meta|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|' +
  'title|tr|track|ul';
/** The start of an HTML block (at the start of the text tested). */
const HTML_BLOCK_START = new RegExp(
  `^(?:</?(?:${HTML_BLOCK_TAGS})(?:[ \\t]+|$|/?>)|<(?:(?:script|pre|style|textarea)(?:[\\s>]|$)|!--)|<\\?|<![A-Za-z])`,
  'i',
);
/** What ends a list item from a line indented less than the item's content (marked's `*BeginRegex`). */
const ITEM_BREAKERS = [/^(?:```|~~~)/, /^#{1,6}(?:\s|$)/, /^>/, /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/, HTML_BLOCK_START];
/** Nested `- ` / `1. ` / `> ` markers at the start of a line. */
const CONTAINER_MARKERS = /^(?: {0,3}(?:(?:[*+-]|\d{1,9}[.)])[ \t]+|>[ \t]?))+/;

/**
 * Columns of leading whitespace of text that starts at column `column`; a tab goes to the next multiple of 4
 * (as CommonMark counts them).
 */
function indentOf(line: string, column = 0): number {
  let cols = 0;
  for (const ch of line) {
    if (ch === ' ') cols += 1;
    else if (ch === '\t') cols += 4 - ((column + cols) % 4);
    else break;
  }
  return cols;
}

/** The text with its leading tabs expanded to spaces, so columns can be sliced off. */
function expandIndent(line: string, column = 0): string {
  return ' '.repeat(indentOf(line, column)) + line.replace(/^[ \t]+/, '');
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

function closesFence(line: string, fence: Fence): boolean {
  const m = FENCE_CLOSE.exec(line);
  return !!m && m[1][0] === fence.char && m[1].length >= fence.length;
}

/** Lines after which no lazy continuation line can follow (the block they start is not a paragraph). */
function endsLaziness(content: string): boolean {
  return (
    indentOf(content) >= 4 ||
    !!parseFenceOpen(content, 0) ||
    ATX_HEADING.test(content) ||
    THEMATIC_BREAK.test(content)
  );
}

/**
 * Lines that end the text a setext heading can span (marked's `lheading`): note `bull ` needs a space, so `-\tx`
 * interrupts a paragraph as a list but does not stop a heading.
 */
function blocksSetextHeading(line: string): boolean {
  return (
    /^ {0,3}(?:[*+-]|\d{1,9}[.)]) /.test(line) ||
    /^ {0,3}(?:`{3,}|~{3,})/.test(line) ||
    QUOTE.test(line) ||
    ATX_HEADING.test(line) ||
    THEMATIC_BREAK.test(line) ||
    HTML_BLOCK_START.test(line.trimStart()) ||
    /^ {0,3}\|?(?:[:\- ]*\|)+[:\- ]*$/.test(line)
  );
}

/** Number of cells of a table's header row, split like marked (an escaped `\|` is no separator). */
function headerCells(row: string): number {
  const cells = row
    .trimStart()
    .replace(/\|/g, (pipe, offset: number, text: string) => {
      let escaped = false;
      for (let i = offset - 1; i >= 0 && text[i] === '\\'; i--) escaped = !escaped;
      return escaped ? pipe : ' |';
    })
    .split(/ \|/);
  if (!cells[0].trim()) cells.shift();
  if (cells.length > 0 && !cells[cells.length - 1].trim()) cells.pop();
  return cells.length;
}

/** Whether `header` + `delimiter` start a GFM table for marked (a pipe or colon, and as many cells in both). */
function startsTable(header: string, delimiter: string): boolean {
  const row = delimiter.trimStart();
  return /[:|]/.test(row) && headerCells(header) === row.replace(/^\||\| *$/g, '').split('|').length;
}

/** Lines that cannot continue a quoted paragraph lazily (an indented one can: it is not code there). */
function interruptsLazyLine(line: string): boolean {
  return !!parseFenceOpen(line, 0) || ATX_HEADING.test(line) || THEMATIC_BREAK.test(line) || LIST_ITEM.test(line);
}

/** A lazy line that ends the item of a list inside a quote, and so the quote (marked's list breakers). */
function endsQuotedItem(line: string): boolean {
  return indentOf(line) <= 1 && ITEM_BREAKERS.some((re) => re.test(line.trimStart()));
}

/** Lists interrupt a paragraph only with content, and an ordered one only when it starts at 1. */
function listInterruptsParagraph(line: string): boolean {
  const m = LIST_ITEM.exec(line);
  return !!m && !!m[4]?.trim() && (m[3] === undefined || /^1\D/.test(m[2]));
}

/** Incremental splitter: `push` text as it streams, take finished blocks from its result and the rest from `tail`. */
export class BlockSplitter {
  /** Text of the current, unfinished block (finished text is cut off the front). */
  private text = '';
  /** Offset in `text` of the first line not classified yet (the start of the partial last line). */
  private scanned = 0;
  private mode: Mode = 'none';
  /** `fence` mode: the top-level fence. `quote` mode: a fence opened inside the quote. */
  private fence: Fence | undefined;
  /** `list` mode: the marker of the list's items (`-`, `*`, `+`, `.` or `)`); others start a new list. */
  private bullet = '';
  /** `list` mode: column where the content of the current item starts. */
  private itemIndent = 0;
  /** `list` mode: the previous line, from the item's content column. */
  private previous = '';
  /** `paragraph` mode: where its first line starts. */
  private paragraphStart = 0;
  /**
   * `paragraph` mode: where marked last started to read afresh; what it reads from there (more paragraph) is
   * merged into the paragraph, but a setext heading or a table starting there is not.
   */
  private segmentStart = 0;
  /** `paragraph` mode: where the previous line starts. */
  private previousStart = 0;
  /** `paragraph` mode: an underline (`---`, `===`) would make its lines a heading. */
  private setextPossible = false;
  /**
   * `paragraph` mode: where a list started that interrupts the paragraph unless an underline follows and makes all
   * of it a heading (`-\tx`, see `blocksSetextHeading`); the next lines decide.
   */
  private undecidedList: number | undefined;
  /** `quote` mode: the quoted text ends in an open paragraph, so a lazy (unquoted) line continues it. */
  private quoteParagraph = false;
  /** `quote` mode: the quote holds a list, whose items lazy lines can also end. */
  private quoteList = false;
  private previousBlank = false;
  /** `list` mode: the item's first line is only its marker (then a blank line ends it). */
  private itemStartsEmpty = false;
  /** `list` mode: the line being classified is the second of its item. */
  private itemFirstLine = false;
  /** `list` mode: the item was only a marker followed by a blank line, so only another item may follow. */
  private itemClosed = false;
  private finished: string[] = [];

  /** Appends streamed text; returns the blocks this text finished, in order. */
  push(chunk: string): string[] {
    this.text += chunk;
    const lastNewline = chunk.lastIndexOf('\n');
    if (lastNewline !== -1) this.scan(this.text.length - chunk.length + lastNewline + 1);
    return this.takeFinished();
  }

  /** Ends the text: returns the blocks still pending (the last line counts as complete) and resets the splitter. */
  finish(): string[] {
    this.scan(this.text.length);
    const done = this.takeFinished();
    if (!isBlank(this.text)) done.push(this.text);
    this.text = '';
    this.scanned = 0;
    this.reset();
    return done;
  }

  /** The unfinished last block, including a partial last line. */
  get tail(): string {
    return this.text;
  }

  /** Set while the last block is a top-level fenced code block whose closing fence has not arrived. */
  get openFence(): OpenFence | undefined {
    if (this.mode !== 'fence' || !this.fence) return undefined;
    return {
      language: this.fence.info.split(/\s/, 1)[0],
      bodyStart: this.fence.bodyStart,
      bodyEnd: Math.max(this.fence.bodyStart, this.scanned),
    };
  }

  /**
   * Classifies the lines from `scanned` to `stop` (a line's end; the text's end counts as one). Blocks may be cut
   * off the front meanwhile, so `stop` is tracked by its distance from the end of the text.
   */
  private scan(stop: number): void {
    const after = this.text.length - stop;
    while (this.scanned < this.text.length - after) {
      const end = this.text.length - after;
      const lineStart = this.scanned;
      const newline = this.text.indexOf('\n', lineStart);
      const lineEnd = newline === -1 || newline >= end ? end : newline;
      this.scanned = lineEnd === end ? end : lineEnd + 1;
      this.classify(this.text.slice(lineStart, this.text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd), lineStart);
    }
  }

  /**
   * A later line showed that a new block began at `start`: ends the current block there and classifies the lines
   * from `start` to the current one again.
   */
  private restartAt(start: number): void {
    const stop = this.scanned;
    this.cut(start);
    this.scanned = 0;
    this.scan(stop - start);
  }

  private takeFinished(): string[] {
    const done = this.finished;
    this.finished = [];
    return done;
  }

  private reset(): void {
    this.mode = 'none';
    this.fence = undefined;
    this.previous = '';
    this.previousStart = 0;
    this.undecidedList = undefined;
    this.quoteParagraph = false;
    this.quoteList = false;
    this.previousBlank = false;
    this.itemClosed = false;
  }

  /** Emits `text[0, end)` as a finished block and keeps the rest as the pending block. */
  private cut(end: number): void {
    this.finished.push(this.text.slice(0, end));
    this.text = this.text.slice(end);
    this.scanned -= end;
    this.reset();
  }

  /** Ends the current block before this line and classifies the line as the start of the next one. */
  private cutBefore(line: string, lineStart: number): void {
    this.cut(lineStart);
    this.start(line, 0);
  }

  private classify(line: string, lineStart: number): void {
    switch (this.mode) {
      case 'none':
        return this.start(line, lineStart);
      case 'fence':
        if (closesFence(line, this.fence!)) this.cut(this.scanned);
        return;
      case 'indented':
        if (!isBlank(line) && indentOf(line) < 4) this.cutBefore(line, lineStart);
        return;
      case 'paragraph':
        return this.inParagraph(line, lineStart);
      case 'table':
        if (isBlank(line)) this.cut(this.scanned);
        else if (THEMATIC_BREAK.test(line) || TABLE_ROW_BREAKERS.some((re) => re.test(line))) this.cutBefore(line, lineStart);
        return;
      case 'quote':
        return this.inQuote(line, lineStart);
      case 'list':
        return this.inList(line, lineStart);
    }
  }

  /** Classifies the first line of a block (in marked's order: code, fences, heading, hr, quote, list, paragraph). */
  private start(line: string, lineStart: number): void {
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
      this.cut(this.scanned);
    } else if (QUOTE.test(line)) {
      this.mode = 'quote';
      this.inQuote(line, 0);
    } else if (LIST_ITEM.test(line)) {
      this.mode = 'list';
      this.startItem(line);
    } else {
      this.mode = 'paragraph';
      this.paragraphStart = lineStart;
      this.segmentStart = lineStart;
      this.previousStart = lineStart;
      this.setextPossible = !blocksSetextHeading(line);
    }
  }

  private inParagraph(line: string, lineStart: number): void {
    const previousStart = this.previousStart;
    this.previousStart = lineStart;
    if (this.setextPossible && SETEXT_UNDERLINE.test(line)) {
      // A setext heading, from where marked last started to read (see `segmentStart`).
      return this.segmentStart === this.paragraphStart ? this.cut(this.scanned) : this.restartAt(this.segmentStart);
    }
    if (this.undecidedList !== undefined && (isBlank(line) || blocksSetextHeading(line))) {
      return this.restartAt(this.undecidedList); // no heading after all: the list did interrupt the paragraph
    }
    if (isBlank(line)) return this.cut(this.scanned);
    if (indentOf(line) >= 4) return; // indented code cannot interrupt a paragraph
    if (TABLE_DELIMITER.test(line) && this.afterDelimiterLike(line, lineStart, previousStart)) return;
    if (THEMATIC_BREAK.test(line)) return this.cut(this.scanned);
    if (parseFenceOpen(line, 0) || ATX_HEADING.test(line) || QUOTE.test(line)) return this.cutBefore(line, lineStart);
    if (listInterruptsParagraph(line)) {
      if (!this.setextPossible || blocksSetextHeading(line)) return this.cutBefore(line, lineStart);
      this.undecidedList ??= lineStart;
    }
    if (blocksSetextHeading(line)) this.setextPossible = false;
  }

  /**
   * A delimiter-like line (`---`, `|:-|`) makes marked stop the paragraph before the previous line and read on
   * from there: a table whose header that line is, a list item, a setext heading, or else more paragraph, which it
   * merges back (an indented line is read as code and merged too, and reading starts afresh at this line).
   * Returns whether the line has been dealt with.
   */
  private afterDelimiterLike(line: string, lineStart: number, previousStart: number): boolean {
    const previous = this.text.slice(previousStart, lineStart).replace(/\r?\n$/, '');
    if (previousStart === this.segmentStart) {
      if (!startsTable(previous, line)) return false;
      if (this.segmentStart === this.paragraphStart) this.mode = 'table';
      else this.restartAt(this.segmentStart);
      return true;
    }
    if (indentOf(previous) >= 4) {
      if (LIST_ITEM.test(line) || THEMATIC_BREAK.test(line)) {
        this.cutBefore(line, lineStart);
        return true;
      }
      this.segmentStart = lineStart;
      this.setextPossible = !blocksSetextHeading(line);
      return false;
    }
    const heading = SETEXT_UNDERLINE.test(line) && !blocksSetextHeading(previous);
    if (startsTable(previous, line) || LIST_ITEM.test(previous) || heading) {
      this.restartAt(previousStart);
      return true;
    }
    this.segmentStart = previousStart;
    this.setextPossible = false;
    return false;
  }

  /** Quoted lines, plus lazy lines that continue a quoted paragraph; a blank line ends the quote. */
  private inQuote(line: string, lineStart: number): void {
    const quoted = QUOTE.exec(line);
    if (quoted) {
      if (LIST_ITEM.test(quoted[1].replace(/^(?: {0,3}>[ \t]?)+/, ''))) this.quoteList = true;
      this.quoteParagraph = this.paragraphOpenAfter(quoted[1].replace(CONTAINER_MARKERS, ''));
    } else if (isBlank(line)) {
      this.cut(this.scanned);
    } else if (!this.quoteParagraph || interruptsLazyLine(line) || (this.quoteList && endsQuotedItem(line))) {
      this.cutBefore(line, lineStart);
    }
  }

  /** Follows the quoted text (without nested `>`/list markers) far enough to know if a paragraph is left open. */
  private paragraphOpenAfter(content: string): boolean {
    if (this.fence) {
      if (closesFence(content, this.fence)) this.fence = undefined;
      return false;
    }
    if (isBlank(content)) return false;
    if (indentOf(content) >= 4) return this.quoteParagraph; // lazy text in a paragraph, else indented code
    this.fence = parseFenceOpen(content, 0);
    return !this.fence && !endsLaziness(content) && !(this.quoteParagraph && /^ {0,3}(?:=+|-+)[ \t]*$/.test(content));
  }

  /** Starts an item of the current list (or the first item of a new one). */
  private startItem(line: string): void {
    const m = LIST_ITEM.exec(line)!;
    const markerEnd = m[1].length + m[2].length;
    const content = expandIndent(line.slice(markerEnd), markerEnd);
    const spaces = indentOf(content);
    this.bullet = m[3] ?? m[2];
    this.itemIndent = markerEnd + (isBlank(content) ? 1 : spaces > 4 ? 1 : spaces);
    this.previous = content;
    this.previousBlank = false;
    this.itemStartsEmpty = isBlank(content);
    this.itemFirstLine = true;
    this.itemClosed = false;
  }

  /** A line after the first of a list item; mirrors marked's `list` tokenizer. */
  private inList(line: string, lineStart: number): void {
    const blank = isBlank(line);
    if (this.itemClosed) return this.nextItemOrEnd(line, lineStart);
    const startsEmpty = this.itemStartsEmpty;
    const firstLine = this.itemFirstLine;
    this.itemStartsEmpty = false;
    this.itemFirstLine = false;
    if (blank && startsEmpty) {
      this.itemClosed = true; // an item that is only a marker ends at a blank line
      return;
    }
    const expanded = expandIndent(line);
    const indent = indentOf(expanded);
    const shallow = indent <= Math.max(0, Math.min(3, this.itemIndent - 1));
    if (shallow && !blank && (ITEM_BREAKERS.some((re) => re.test(line.trimStart())) || THEMATIC_BREAK.test(line))) {
      return this.nextItemOrEnd(line, lineStart);
    }
    if (!blank && indent < this.itemIndent) {
      // A lazy line continues the item's paragraph; there is none after a blank line, code, a heading or a rule.
      const previous = this.previous.replace(CONTAINER_MARKERS, '');
      const noParagraph = startsEmpty || (firstLine && isBlank(previous));
      if (this.previousBlank || noParagraph || endsLaziness(this.previous) || endsLaziness(previous)) {
        return this.nextItemOrEnd(line, lineStart);
      }
    }
    this.previous = expanded.slice(this.itemIndent);
    this.previousBlank = blank;
  }

  /** The current item has ended at this line: the list goes on only if the line is an item with the same marker. */
  private nextItemOrEnd(line: string, lineStart: number): void {
    const m = LIST_ITEM.exec(line);
    if (m && (m[3] ?? m[2]) === this.bullet && !THEMATIC_BREAK.test(line)) {
      this.startItem(line);
    } else {
      this.cutBefore(line, lineStart);
    }
  }
}

/** Splits a whole text at once; the same result as pushing it in any pieces and calling `finish`. */
export function splitBlocks(text: string): string[] {
  const splitter = new BlockSplitter();
  return [...splitter.push(text), ...splitter.finish()];
}
