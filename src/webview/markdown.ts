/**
 * Markdown → DOM for blocks of a reply: rendered to HTML (raw HTML in the model's text stays text), sanitized,
 * then given the view's own code-block frames and highlighting; or, when formatting a block would cost too much
 * (see `renderLimits`), its text as it is with the reason.
 *
 * Highlighting comes after sanitizing, on the sanitized `<code>` element's text: highlight.js escapes every
 * character of the code and adds only `<span class="hljs-…">`, so its output needs no second pass, and passing
 * thousands of spans per long code block through the sanitizer would cost more than everything else together.
 */
import { decorateCodeBlocks } from './codeBlock';
import { highlightSoon } from './highlight';
import { revealInvisibles } from './invisibleChars';
import { markdownToHtml } from './markdownHtml';
import { plainText } from './plainText';
import { htmlTooLargeReason, plainTextReason } from './renderLimits';
import { sanitizeHtml } from './sanitize';

/** A block as plain text under `reason`, without the blank lines that end it (they would show as empty space). */
function asPlainText(markdown: string, reason: string): Node {
  return plainText(markdown.trimEnd(), reason).element;
}

/** Sanitized HTML with the view's code-block frames, highlighting to come, and invisible characters flagged. */
function toDom(html: string): DocumentFragment {
  const fragment = sanitizeHtml(html);
  revealInvisibles(fragment);
  for (const { code, language } of decorateCodeBlocks(fragment)) highlightSoon(code, language);
  return fragment;
}

/**
 * Renders blocks of markdown that follow each other (as the block splitter cuts them), each formatted and sanitized
 * or as plain text. Each block is held to the limits on its own, but the HTML of consecutive formatted blocks goes
 * through the sanitizer in one call (one parse, one walk).
 */
export function renderMarkdown(blocks: readonly string[]): DocumentFragment {
  const result = document.createDocumentFragment();
  let html = '';
  const flush = (): void => {
    if (html) result.append(toDom(html));
    html = '';
  };
  for (const block of blocks) {
    const tooCostly = plainTextReason(block);
    const blockHtml = tooCostly ? '' : markdownToHtml(block);
    const reason = tooCostly ?? htmlTooLargeReason(blockHtml);
    if (reason) {
      flush();
      result.append(asPlainText(block, reason));
    } else {
      html += blockHtml;
    }
  }
  flush();
  return result;
}
