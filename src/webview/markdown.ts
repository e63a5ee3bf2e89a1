/**
 * Markdown → sanitized DOM for one block of a reply. GFM is on; raw HTML in the model's text is shown as text
 * (escaped), never interpreted; images become links (the view loads nothing remote); code gets its toolbar and is
 * highlighted soon after.
 *
 * Highlighting comes after sanitizing, on the sanitized `<code>` element's text: highlight.js escapes every
 * character of the code and adds only `<span class="hljs-…">`, so its output needs no second pass, and passing
 * thousands of spans per long code block through the sanitizer would cost more than everything else together.
 */
import { Marked } from 'marked';
import { decorateCodeBlocks } from './codeBlock';
import { highlightSoon } from './highlight';
import { sanitizeHtml } from './sanitize';

/** Escapes text for use inside HTML elements and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text, block }) {
      return block ? `<p>${escapeHtml(text)}</p>` : escapeHtml(text);
    },
    code({ text, lang }) {
      const language = /^\S*/.exec(lang ?? '')![0];
      const cls = language ? ` class="language-${escapeHtml(language)}"` : '';
      return `<pre><code${cls}>${escapeHtml(text.replace(/\n$/, ''))}</code></pre>`;
    },
    image({ href, text }) {
      return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`;
    },
  },
});

/** Renders markdown to HTML (not yet safe to insert: see `renderMarkdown`). */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}

/** Renders markdown to a sanitized fragment with decorated code blocks. */
export function renderMarkdown(markdown: string): DocumentFragment {
  const fragment = sanitizeHtml(markdownToHtml(markdown));
  for (const { code, language } of decorateCodeBlocks(fragment)) highlightSoon(code, language);
  return fragment;
}
