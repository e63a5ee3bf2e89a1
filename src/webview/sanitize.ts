/**
 * The one gate between model output (rendered markdown) and the DOM, behind the renderer's own rule that raw HTML
 * is text: only the elements and attributes the renderer emits get through (`ALLOWED_MARKUP`), each attribute only
 * on its own element, and links only to `ALLOWED_LINK` schemes. So no script, style, embedded document, form
 * control, image or event handler, and no class, id, `hidden`, `aria-*` or `data-*` but the code's language.
 */
import createDOMPurify from 'dompurify';
import type { Config } from 'dompurify';
import { ALLOWED_LINK, ALLOWED_MARKUP } from './allowedMarkup';

const ATTRIBUTES = [...new Set(Object.values(ALLOWED_MARKUP).flat())];

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: Object.keys(ALLOWED_MARKUP),
  ALLOWED_ATTR: ATTRIBUTES,
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  ALLOWED_URI_REGEXP: ALLOWED_LINK,
  // DOMPurify checks every attribute value against the link pattern unless it is listed as not a URI.
  ADD_URI_SAFE_ATTR: ATTRIBUTES.filter((name) => name !== 'href'),
  // A fragment, not a string: parsing the sanitized markup a second time could turn it into other markup (mXSS).
  RETURN_DOM_FRAGMENT: true,
};

let purify: ReturnType<typeof createDOMPurify> | undefined;

/**
 * The view's own instance, so the hook and config apply to nothing else. The config is set once: passing it to every
 * `sanitize` call would make DOMPurify parse it again for each block of a reply. Made on first use, not in the task
 * that loads the view (setting the config builds DOMPurify's tables).
 */
function instance(): ReturnType<typeof createDOMPurify> {
  if (purify) return purify;
  purify = createDOMPurify(window);
  purify.setConfig(CONFIG);
  purify.addHook('uponSanitizeAttribute', (node, event) => {
    // DOMPurify's list is for all elements at once; each attribute is allowed only on the element that needs it.
    if (!ALLOWED_MARKUP[node.nodeName.toLowerCase()]?.includes(event.attrName)) event.keepAttr = false;
  });
  return purify;
}

/** Sanitizes HTML made from model output and returns it as a fragment ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  // With RETURN_DOM_FRAGMENT in the set config the result is a fragment; the typings only see the per-call config.
  return instance().sanitize(html) as unknown as DocumentFragment;
}
