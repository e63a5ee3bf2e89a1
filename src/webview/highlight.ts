/**
 * Syntax highlighting for code blocks with highlight.js core and a trimmed set of languages (the full bundle is
 * about ten times bigger). No auto-detection: it runs every grammar over the code, too slow while streaming.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { revealInvisibles } from './invisibleChars';
import { RENDER_LIMITS } from './renderLimits';

const LANGUAGES = {
  bash,
  c,
  cpp,
  csharp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  markdown,
  python,
  rust,
  shell,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

const queue: { code: HTMLElement; language: string }[] = [];
let scheduled = false;

/**
 * Highlights the text of a `<code>` element in place, soon, for a known language (names and aliases such as `ts`,
 * `py`, `sh`, `html`, `yml`); other code, and code too long to highlight in one go, stays plain text. The markup
 * is highlight.js's own: the code escaped, wrapped in `<span class="hljs-…">` and nothing else. It runs when the
 * browser is idle, so a long block that has just closed does not hold up the frame that shows it;
 * `data-highlighted` is set once done.
 */
export function highlightSoon(code: HTMLElement, language: string): void {
  if (!language || !hljs.getLanguage(language)) return;
  if ((code.textContent?.length ?? 0) > RENDER_LIMITS.highlightChars) return;
  queue.push({ code, language });
  schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  requestIdleCallback(highlightQueued, { timeout: 300 });
}

function highlightQueued(deadline: IdleDeadline): void {
  scheduled = false;
  do {
    const next = queue.shift();
    // A block that left the page meanwhile (another conversation shown) is not worth the work.
    if (next?.code.isConnected) {
      next.code.innerHTML = hljs.highlight(next.code.textContent ?? '', { language: next.language, ignoreIllegals: true }).value;
      revealInvisibles(next.code);
      next.code.dataset.highlighted = 'yes';
    }
  } while (queue.length > 0 && deadline.timeRemaining() > 4);
  if (queue.length > 0) schedule();
}
