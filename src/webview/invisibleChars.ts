import { t } from '../shared/l10n';
/**
 * Characters a reader cannot see but a shell, a compiler or a model acts on: bidirectional controls (they reorder
 * what is shown, as in "Trojan Source"), zero-width and other format characters, and Unicode tag characters (they
 * can carry a whole hidden sentence). The view shows each as a small badge with its code point; the character
 * itself stays in the text, so Copy, Insert and New File deliver exactly the code, and what they deliver is what
 * the view shows. In code every such character is flagged; in prose those that text in some scripts needs (joiners,
 * directional marks, the soft hyphen) are left alone.
 */

/** Flagged everywhere: no reply needs them where a reader cannot see them. */
const ALWAYS =
  '\\u115F\\u1160\\u180E\\u200B\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\u206A-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB';
/** Flagged in code only: prose in Arabic, Hebrew, Persian or Indic scripts and emoji sequences use them. */
const IN_CODE_ONLY = '\\u00AD\\u061C\\u200C-\\u200F';
/** Tag characters (U+E0000–E007F) and variation selectors 17–256 (U+E0100–E01EF), as UTF-16 pairs. */
const SUPPLEMENTARY = '|\\uDB40[\\uDC00-\\uDC7F\\uDD00-\\uDDEF]';

const PROSE = new RegExp(`[${ALWAYS}]${SUPPLEMENTARY}`, 'g');
const CODE = new RegExp(`[${ALWAYS}${IN_CODE_ONLY}]${SUPPLEMENTARY}`, 'g');

/** The characters' names in the display language (a function: the bundle is set after loading). */
const names = (): Record<number, string> => ({
  0x00ad: t('soft hyphen'), 0x061c: t('Arabic letter mark'), 0x200b: t('zero-width space'), 0x200c: t('zero-width non-joiner'),
  0x200d: t('zero-width joiner'), 0x200e: t('left-to-right mark'), 0x200f: t('right-to-left mark'),
  0x202a: t('left-to-right embedding'), 0x202b: t('right-to-left embedding'), 0x202c: t('pop directional formatting'),
  0x202d: t('left-to-right override'), 0x202e: t('right-to-left override'), 0x2060: t('word joiner'),
  0x2066: t('left-to-right isolate'), 0x2067: t('right-to-left isolate'), 0x2068: t('first strong isolate'),
  0x2069: t('pop directional isolate'), 0xfeff: t('zero-width no-break space'),
});

/** `U+202E`, with the code point in at least four hex digits. */
function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`; // l10n-ignore: a code point's notation, not words
}

function badge(char: string): HTMLElement {
  const cp = char.codePointAt(0)!;
  const label = codePointLabel(cp);
  const name = names()[cp] ?? (cp >= 0xe0000 && cp <= 0xe007f ? t('tag character') : t('invisible character'));
  const span = document.createElement('span');
  span.className = 'invisible-char';
  span.dataset.codePoint = label;
  span.title = t('Invisible character {0} ({1}). It is part of the text and is copied with it.', label, name);
  span.textContent = char;
  return span;
}

/** `text` as nodes, each flagged character wrapped in a badge; a plain text node when there is none. */
export function textWithInvisibles(text: string, inCode: boolean): Node {
  const pattern = inCode ? CODE : PROSE;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return document.createTextNode(text);
  const fragment = document.createDocumentFragment();
  let from = 0;
  pattern.lastIndex = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > from) fragment.append(text.slice(from, match.index));
    fragment.append(badge(match[0]));
    from = match.index + match[0].length;
  }
  if (from < text.length) fragment.append(text.slice(from));
  return fragment;
}

/** Flags the invisible characters in every text node under `root` (text inside `<code>` by the code rules). */
export function revealInvisibles(root: Node): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found: { node: Text; inCode: boolean }[] = [];
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const parent = node.parentElement;
    if (parent?.classList.contains('invisible-char')) continue;
    const inCode = !!parent?.closest('code');
    const pattern = inCode ? CODE : PROSE;
    pattern.lastIndex = 0;
    if (pattern.test(node.data)) found.push({ node, inCode });
  }
  for (const { node, inCode } of found) node.replaceWith(textWithInvisibles(node.data, inCode));
}
