/**
 * The one gate between model output (rendered markdown) and the DOM, behind the renderer's own rule that raw HTML
 * is text: only the elements and attributes the renderer emits get through (`ALLOWED_MARKUP`), each attribute only
 * on its own element, and links only to `ALLOWED_LINK` schemes. So no script, style, embedded document, form
 * control, image or event handler, and no class, id, `hidden`, `aria-*` or `data-*` but the code's language.
 *
 * The HTML is parsed in a template's document, which is inert (nothing in it runs, loads or is shown), and walked
 * once before any of it reaches the page: an element stays only if it is an HTML element of the allowlist, with only
 * its own attributes; any other element gives way to its content, which is cleaned the same way; comments and
 * anything else that is neither an element nor text are dropped. The result goes to the page as nodes, never
 * serialized and parsed again (which could turn it into other markup).
 *
 * This replaced DOMPurify, which the tests keep as the reference (what the renderer emits comes out of both the
 * same): it parsed each call's HTML into a new document and checked every node against attacks that an allowlist of
 * 25 plain elements, handed over as nodes, keeps out anyway. While a view shown again drew a 68,000-character reply
 * it made 33 of the 94 MB of garbage on the renderer's heap, which the window shares with its webviews, and each
 * collection of that heap held a frame up (28–62 ms).
 */
import { ALLOWED_LINK, ALLOWED_MARKUP } from './allowedMarkup';

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

/** `ALLOWED_MARKUP` as a map: a plain object would also answer for `constructor` or `__proto__`. */
const ALLOWED = new Map(Object.entries(ALLOWED_MARKUP));

/** Sanitizes HTML made from model output and returns it as a fragment ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  // A new template each time: its content is handed out, and a later call must not change what an earlier one gave.
  const template = document.createElement('template');
  template.innerHTML = html;
  cleanChildren(template.content);
  return template.content;
}

/** Keeps the allowed elements (with their allowed attributes) and text among `parent`'s descendants. */
function cleanChildren(parent: Node): void {
  for (let node = parent.firstChild; node; ) {
    const next = node.nextSibling;
    if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      cleanChildren(element);
      const attributes = element.namespaceURI === HTML_NAMESPACE ? ALLOWED.get(element.localName) : undefined;
      if (attributes) {
        keepAttributes(element, attributes);
      } else {
        // Its content takes its place (moved one by one: spread as arguments, a huge list could overflow the stack).
        while (element.firstChild) parent.insertBefore(element.firstChild, element);
        parent.removeChild(element);
      }
    } else if (node.nodeType !== Node.TEXT_NODE) {
      parent.removeChild(node);
    }
    node = next;
  }
}

/** Removes every attribute of `element` but `allowed` (and a link that goes elsewhere than `ALLOWED_LINK`). */
function keepAttributes(element: Element, allowed: readonly string[]): void {
  const { attributes } = element;
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i];
    const keep = attribute.namespaceURI === null && allowed.includes(attribute.name)
      && (attribute.name !== 'href' || ALLOWED_LINK.test(attribute.value));
    if (!keep) element.removeAttributeNode(attribute);
  }
}
