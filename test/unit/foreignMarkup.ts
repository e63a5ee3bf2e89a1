/**
 * The trust tests' own allowlist and its check, bundled into the test page (see renderTrust.test.ts): written apart
 * from the view's `allowedMarkup.ts`, so a change there that lets more through fails the tests.
 */

/** The elements our markdown renderer emits, each with the attributes it may carry. Nothing else may get through. */
const ALLOWED: Record<string, readonly string[]> = {
  p: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: [], hr: [], br: [],
  ul: [], ol: ['start'], li: [],
  pre: [], code: ['data-language'],
  strong: [], em: [], del: [],
  a: ['href', 'title'],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
};
/** Links that may stay links: the host opens http(s) and refuses `mailto:` with a message; anything else is text. */
const ALLOWED_HREF = /^(?:https?:|mailto:)/i;

/**
 * What under `root` is outside the allowlist: elements (or not in the HTML namespace), attributes, links elsewhere,
 * and comments or processing instructions.
 */
export function foreignMarkup(root: ParentNode & Node): string[] {
  const foreign: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (!Object.hasOwn(ALLOWED, tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      foreign.push(`<${tag}>`);
      continue;
    }
    for (const attr of el.attributes) {
      if (!ALLOWED[tag].includes(attr.name)) foreign.push(`<${tag} ${attr.name}="${attr.value}">`);
      else if (attr.name === 'href' && !ALLOWED_HREF.test(attr.value)) foreign.push(`<a href="${attr.value}">`);
    }
  }
  const others = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION | NodeFilter.SHOW_CDATA_SECTION);
  while (others.nextNode()) foreign.push(`node type ${others.currentNode.nodeType}`);
  return foreign;
}
