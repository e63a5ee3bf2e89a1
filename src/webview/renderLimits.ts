/**
 * How much formatting one block of a reply may cost. marked recurses once per nested quote, list and emphasis (a
 * few thousand `>` overflow the stack), re-reads a nested block once per level (a 500-deep list took seconds), and
 * the browser's work grows with the elements a block makes. A block past a limit is shown as plain text, with the
 * reason, so no reply can hold up the view for more than a frame or two. The limits are far above what replies
 * need: they catch output that is broken or made to be expensive. No DOM here: unit-tested in plain mocha.
 */
import { t } from '../shared/l10n';

export const RENDER_LIMITS = {
  /** Characters of a block formatted as markdown (a fenced or indented code block is not parsed: any size). */
  blockChars: 16_000,
  /** Nested quotes and list levels (two columns of indentation count as a level). */
  nesting: 16,
  /** Longest run of one emphasis character (`*`, `_`, `~`): every one of them may open a nested emphasis. */
  emphasisRun: 32,
  /** Emphasis characters in a block. */
  emphasisChars: 2_000,
  /** Elements the formatted block would add to the page. */
  elements: 2_000,
  /** Characters of code that is highlighted (highlight.js does a block in one go, 1–3 ms per 1,000). */
  highlightChars: 20_000,
} as const;

/** A line's leading quote and list markers, with the whitespace around them. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|(?:[*+-]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/;
const MARKER = />|[*+-]|\d{1,9}[.)]/g;
const FENCE_OPEN = /^ {0,3}(?:`{3,}|~{3,})/;
const EMPHASIS = /[*_~]/g;
const EMPHASIS_RUN = new RegExp(`([*_~])\\1{${RENDER_LIMITS.emphasisRun}}`);

/** Columns of leading whitespace (a tab goes to the next multiple of 4, as CommonMark counts). */
function indentColumns(text: string): number {
  let cols = 0;
  for (const ch of text) {
    if (ch === ' ') cols += 1;
    else if (ch === '\t') cols += 4 - (cols % 4);
    else break;
  }
  return cols;
}

/**
 * About how many quotes and lists a line is nested in: its markers, plus its indentation in steps of two (the
 * space after each marker aside), since a nested list or a line continuing an item is only indented.
 */
function nestingOf(line: string): number {
  const prefix = CONTAINER_PREFIX.exec(line)![0];
  const markers = prefix.match(MARKER)?.length ?? 0;
  let blanks = 0;
  for (const ch of prefix) if (ch === ' ' || ch === '\t') blanks += ch === ' ' ? 1 : 4;
  return markers + Math.floor(Math.max(0, blanks - markers) / 2);
}

/** A code block at the top level: marked takes its text as it is, so its size costs nothing to parse. */
function isCodeBlock(block: string): boolean {
  return FENCE_OPEN.test(block) || indentColumns(block) >= 4;
}

/**
 * Why `block` (one top-level block, as the block splitter cuts them) must not be formatted, in words for the
 * user; `undefined` when it may be. Costs one pass over the text.
 */
export function plainTextReason(block: string): string | undefined {
  if (isCodeBlock(block)) return undefined;
  if (block.length > RENDER_LIMITS.blockChars) return t('This part is too long to format.');
  let start = 0;
  while (start < block.length) {
    const newline = block.indexOf('\n', start);
    const end = newline === -1 ? block.length : newline;
    if (nestingOf(block.slice(start, end)) > RENDER_LIMITS.nesting) return t('This part is nested too deeply to format.');
    start = end + 1;
  }
  if (EMPHASIS_RUN.test(block) || (block.match(EMPHASIS)?.length ?? 0) > RENDER_LIMITS.emphasisChars) {
    return t('This part has too much emphasis markup to format.');
  }
  return undefined;
}

/**
 * Why the HTML made from a block must not be put on the page (too many elements), or `undefined`. Every `<` in
 * the renderer's output starts a tag (text is escaped), so counting them counts elements, twice.
 */
export function htmlTooLargeReason(html: string): string | undefined {
  let tags = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    if (++tags > 2 * RENDER_LIMITS.elements) return t('This part has too many elements to format.');
  }
  return undefined;
}
