/**
 * Markdown of a reply → HTML, with raw HTML from the model always shown as text. marked is told never to recognise
 * HTML (neither blocks nor inline tags): once it has seen an inline `<kbd>`, `<pre>`, `<code>` or `<script>` it
 * passes the rest of the paragraph through unescaped, and a tag it does not know but a browser does (`<pre/x>`,
 * `<span/hidden>`) then becomes an element. With HTML never recognised, `<…>` is ordinary text that the markdown
 * rules apply to and the `text` renderer escapes. Images become links (the view loads nothing remote); GFM task
 * list boxes are glyphs, not inputs. The output still goes through the sanitizer (see `renderMarkdown`).
 * No DOM here: the block splitter's tests compare against exactly this configuration.
 */
import { Marked } from 'marked';
import { ALLOWED_LINK } from './allowedMarkup';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/**
 * Escapes inline text as marked does: character references (`&lt;`, `&#60;`) are left for the browser to decode,
 * which always gives text, never markup.
 */
function escapeText(text: string): string {
  return text.replace(/[<>"']|&(?!#\d{1,7};|#[Xx][a-fA-F0-9]{1,6};|\w+;)/g, (ch) => ESCAPES[ch]);
}

const marked = new Marked({
  gfm: true,
  async: false,
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    // Unreachable while the tokenizers above are off; should a marked update produce HTML tokens another way,
    // they are still text.
    html({ text }) {
      return escapeText(text);
    },
    text(token) {
      // Escaped whatever marked says: its `escaped` flag means "raw HTML, pass it through".
      return 'tokens' in token && token.tokens ? this.parser.parseInline(token.tokens) : escapeText(token.text);
    },
    code({ text, lang }) {
      const language = /^\S*/.exec(lang ?? '')![0];
      const attr = language ? ` data-language="${escapeHtml(language)}"` : '';
      return `<pre><code${attr}>${escapeHtml(text.replace(/\n$/, ''))}</code></pre>`;
    },
    link({ href, tokens }) {
      // `false` lets marked render an allowed link its own way (URL encoding, title).
      return ALLOWED_LINK.test(href) ? false : this.parser.parseInline(tokens);
    },
    image({ href, text }) {
      const label = escapeText(text || href);
      return ALLOWED_LINK.test(href) ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
    },
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

/** Renders a reply's markdown to HTML (not yet safe to insert: see `renderMarkdown`). */
export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}
