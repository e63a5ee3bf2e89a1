/**
 * The one gate between model output (rendered markdown) and the DOM. Model text is untrusted: no scripts, no
 * styles, no embedded documents, no event handlers, links only to http(s)/mailto/#fragments, and no remote images
 * (they would leak that the reply was read; the CSP blocks them too).
 */
import createDOMPurify from 'dompurify';
import type { Config } from 'dompurify';

/** Tags that never come out of the sanitizer, whatever the markdown renderer produced. */
export const FORBIDDEN_TAGS = [
  'iframe', 'object', 'embed', 'form', 'style', 'script', 'svg', 'math', 'link', 'meta', 'base',
  // Controls in a reply could pass for the view's own buttons.
  'button', 'textarea', 'select',
];

/** http:, https:, mailto: and in-page `#fragment` links; everything else (javascript:, data:, command:, file:) goes. */
export const ALLOWED_URI = /^(?:https?:|mailto:|#)/i;

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ['style'],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

// An own instance, so the hooks and config below apply to nothing else. The config is set once: passing it to
// every `sanitize` call would make DOMPurify parse it again for each block of a reply.
const purify = createDOMPurify(window);
purify.setConfig(CONFIG);

purify.addHook('uponSanitizeAttribute', (_node, event) => {
  // DOMPurify drops known handlers already; this also covers any future `on…` attribute.
  if (event.attrName.toLowerCase().startsWith('on')) event.keepAttr = false;
});

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'IMG' && !isOwnOrigin(node.getAttribute('src'))) node.remove();
});

function isOwnOrigin(src: string | null): boolean {
  if (!src) return false;
  try {
    return new URL(src, document.baseURI).origin === window.location.origin;
  } catch {
    return false;
  }
}

/** Sanitizes HTML made from model output and returns it as a fragment ready to insert. */
export function sanitizeHtml(html: string): DocumentFragment {
  // With RETURN_DOM_FRAGMENT in the set config the result is a fragment; the typings only see the per-call config.
  return purify.sanitize(html) as unknown as DocumentFragment;
}
