/**
 * Syntax highlighting for code blocks with highlight.js core and a trimmed set of languages (the full bundle is
 * about ten times bigger). No auto-detection: it runs every grammar over the code, too slow while streaming.
 * It is the view's least urgent work: done by the frame scheduler after everything else, a piece of code at a time.
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
import { renderScheduler, PRIORITY, type RenderTask } from './renderScheduler';
import { revealInvisibles, textWithInvisibles } from './invisibleChars';
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
/**
 * Languages not registered yet. Registering one builds its grammar, about a millisecond each: that is done one
 * language per unit of work the first time code is highlighted, not in the task that loads the view.
 */
const unregistered = Object.entries(LANGUAGES);

/** Characters of code highlighted per unit of work (highlight.js takes 1–3 ms per 1,000), ending at a line end. */
const PIECE_CHARS = 2_000;

/** A code block being highlighted: what is done is highlighted markup, the rest is text in `restEl`. */
interface Job {
  code: HTMLElement;
  language: string;
  rest: string;
  restEl: HTMLElement | undefined;
  /** Characters the next piece starts with (more when the last try ended inside a comment or string). */
  pieceChars: number;
}

const queue: Job[] = [];
const task: RenderTask = { step: highlightPiece, priority: () => PRIORITY.highlighting };

/**
 * Highlights the text of a `<code>` element in place, soon, for a known language (names and aliases such as `ts`,
 * `py`, `sh`, `html`, `yml`); other code, and code too long to highlight, stays plain text. The markup is
 * highlight.js's own: the code escaped, wrapped in `<span class="hljs-…">` and nothing else. The text of the element
 * stays exactly the code throughout; `data-highlighted` is set once done.
 */
export function highlightSoon(code: HTMLElement, language: string): void {
  if (!language) return;
  const text = code.textContent ?? '';
  if (text.length > RENDER_LIMITS.highlightChars) return;
  queue.push({ code, language, rest: text, restEl: undefined, pieceChars: PIECE_CHARS });
  renderScheduler.add(task);
}

/** The end of the first line that ends at or after `chars` characters of `text` (or the end of the text). */
function lineEndAfter(text: string, chars: number): number {
  if (chars >= text.length) return text.length;
  const newline = text.indexOf('\n', chars);
  return newline === -1 ? text.length : newline + 1;
}

/** Highlights the next piece of the first queued code block; returns whether work is left. */
function highlightPiece(): boolean {
  const job = queue[0];
  if (!job) return false;
  const language = unregistered.shift();
  if (language) {
    hljs.registerLanguage(...language);
    return true;
  }
  // A block that left the page meanwhile (another conversation shown, a reply drawn anew), or in a language
  // highlight.js does not know here, is not worth the work.
  if (!job.code.isConnected || !hljs.getLanguage(job.language)) {
    queue.shift();
    return queue.length > 0;
  }
  const end = lineEndAfter(job.rest, job.pieceChars);
  const result = hljs.highlight(job.rest.slice(0, end), { language: job.language, ignoreIllegals: true });
  // A piece that ends inside a multi-line comment or string would leave the next one highlighted wrongly: it is
  // tried again, longer, in the next unit (at worst the whole block at once).
  if (end < job.rest.length && result._top !== hljs.getLanguage(job.language)) {
    job.pieceChars = end * 2;
    return true;
  }
  const template = document.createElement('template');
  template.innerHTML = result.value;
  revealInvisibles(template.content);
  job.rest = job.rest.slice(end);
  job.pieceChars = PIECE_CHARS;
  if (!job.restEl) {
    job.restEl = document.createElement('span');
    job.code.replaceChildren(template.content, job.restEl);
  } else {
    job.restEl.before(template.content);
  }
  if (job.rest) {
    job.restEl.replaceChildren(textWithInvisibles(job.rest, true));
    return true;
  }
  job.restEl.remove();
  job.code.dataset.highlighted = 'yes';
  queue.shift();
  return queue.length > 0;
}
