/**
 * DOMPurify configured as the view's gate was before the view had its own (`src/webview/sanitize.ts`): the same
 * allowlist, each attribute only on its own element, links only to the allowed schemes, a fragment as the result.
 * The trust tests run the renderer's output through both, in the page: what the renderer emits must come out the same.
 */
import createDOMPurify from 'dompurify';
import { ALLOWED_LINK, ALLOWED_MARKUP } from '../../src/webview/allowedMarkup';

const ATTRIBUTES = [...new Set(Object.values(ALLOWED_MARKUP).flat())];

let purify: ReturnType<typeof createDOMPurify> | undefined;

export function referenceSanitize(html: string): DocumentFragment {
  if (!purify) {
    purify = createDOMPurify(window);
    purify.setConfig({
      ALLOWED_TAGS: Object.keys(ALLOWED_MARKUP),
      ALLOWED_ATTR: ATTRIBUTES,
      ALLOW_ARIA_ATTR: false,
      ALLOW_DATA_ATTR: false,
      ALLOWED_URI_REGEXP: ALLOWED_LINK,
      ADD_URI_SAFE_ATTR: ATTRIBUTES.filter((name) => name !== 'href'),
      RETURN_DOM_FRAGMENT: true,
    });
    purify.addHook('uponSanitizeAttribute', (node, event) => {
      const tag = node.nodeName.toLowerCase();
      if (!Object.hasOwn(ALLOWED_MARKUP, tag) || !ALLOWED_MARKUP[tag].includes(event.attrName)) event.keepAttr = false;
    });
  }
  return purify.sanitize(html) as unknown as DocumentFragment;
}
