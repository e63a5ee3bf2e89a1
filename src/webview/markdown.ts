/**
 * Markdown → sanitized DOM for one block of a reply: rendered to HTML (raw HTML in the model's text stays text),
 * sanitized, then given the view's own code-block frames and highlighting.
 *
 * Highlighting comes after sanitizing, on the sanitized `<code>` element's text: highlight.js escapes every
 * character of the code and adds only `<span class="hljs-…">`, so its output needs no second pass, and passing
 * thousands of spans per long code block through the sanitizer would cost more than everything else together.
 */
import { decorateCodeBlocks } from './codeBlock';
import { highlightSoon } from './highlight';
import { markdownToHtml } from './markdownHtml';
import { sanitizeHtml } from './sanitize';

/** Renders markdown to a sanitized fragment with decorated code blocks. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const fragment = sanitizeHtml(markdownToHtml(markdown));
  for (const { code, language } of decorateCodeBlocks(fragment)) highlightSoon(code, language);
  return fragment;
}
