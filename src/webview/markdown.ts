/**
 * Markdown → DOM for one block of a reply: rendered to HTML (raw HTML in the model's text stays text), sanitized,
 * then given the view's own code-block frames and highlighting; or, when formatting the block would cost too much
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

/** Renders one block of markdown, formatted and sanitized or as plain text. */
export function renderMarkdown(markdown: string): Node {
  const tooCostly = plainTextReason(markdown);
  if (tooCostly) return asPlainText(markdown, tooCostly);
  const html = markdownToHtml(markdown);
  const tooLarge = htmlTooLargeReason(html);
  if (tooLarge) return asPlainText(markdown, tooLarge);
  const fragment = sanitizeHtml(html);
  revealInvisibles(fragment);
  for (const { code, language } of decorateCodeBlocks(fragment)) highlightSoon(code, language);
  return fragment;
}
