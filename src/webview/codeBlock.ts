/**
 * The frame around every code block of a reply: language label and Copy / Insert at Cursor / New File / Apply buttons.
 * The buttons carry `data-action`; the message list handles their clicks by delegation and reads the code back
 * with `codeOf` (the text of the `<code>` element is exactly the code, highlighting or not).
 */
import { button, h } from './dom';
import { t } from '../shared/l10n';

export interface CodeBlockParts {
  element: HTMLElement;
  code: HTMLElement;
  language: string;
}

/** Wraps a `<pre>` in the code-block frame (in place, if it is in a tree). */
function frame(pre: HTMLPreElement, language: string): HTMLElement {
  const header = h(
    'div',
    { className: 'code-block-header' },
    h('span', { className: 'code-block-language', text: language || 'text' }), // l10n-ignore: a language id
    h(
      'div',
      { className: 'code-block-actions' },
      button({ label: t('Copy code'), text: t('Copy'), icon: 'copy', action: 'copy-code' }),
      button({ label: t('Insert at Cursor'), text: t('Insert'), icon: 'insert', action: 'insert-code' }),
      button({ label: t('Open in New File'), text: t('New File'), icon: 'newFile', action: 'new-file' }),
      button({ label: t('Apply to the Editor (shows the change first)'), text: t('Apply'), icon: 'apply', action: 'apply-code' }),
    ),
  );
  const block = h('div', { className: 'code-block' }, header);
  block.dataset.language = language;
  pre.replaceWith(block);
  block.append(pre);
  return block;
}

/**
 * Puts every `<pre><code>` under `root` (sanitized output) into a code-block frame; returns what it framed. The
 * renderer marks the language with `data-language`; the view's own classes go on only here, after sanitizing.
 */
export function decorateCodeBlocks(root: ParentNode): CodeBlockParts[] {
  const framed: CodeBlockParts[] = [];
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector('code');
    if (!code) continue;
    const language = code.dataset.language ?? '';
    code.removeAttribute('data-language');
    code.className = 'hljs';
    framed.push({ element: frame(pre, language), code, language });
  }
  return framed;
}

/** An empty framed code block, filled by the caller while the code streams in. */
export function createCodeBlock(language: string): CodeBlockParts {
  const code = h('code', { className: 'hljs' });
  return { element: frame(h('pre', {}, code), language), code, language };
}

/** The code and language of the code block that contains `el`, if any. */
export function codeOf(el: Element): { code: string; language: string } | undefined {
  const block = el.closest('.code-block');
  const code = block?.querySelector('code');
  if (!block || !code) return undefined;
  return { code: code.textContent ?? '', language: (block as HTMLElement).dataset.language ?? '' };
}
