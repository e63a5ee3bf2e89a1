/**
 * The markup the view's markdown renderer emits, and so all that the sanitizer lets through: these elements with
 * these attributes, links only to these schemes. Nothing from a reply can carry a class, id, style, `hidden`,
 * `aria-*`, `popover`, a form control or an event handler, so nothing in a reply can hide text or pass for the
 * view's own UI. The classes the view itself adds (code-block frames, highlighting) are applied after sanitizing.
 * No DOM here: the markdown renderer uses it too and is unit-tested in plain mocha.
 */

/** Element (lower case) → the attributes it may carry. */
export const ALLOWED_MARKUP: Readonly<Record<string, readonly string[]>> = {
  p: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [], blockquote: [], hr: [], br: [],
  ul: [], ol: ['start'], li: [],
  pre: [],
  // The code block's language, which the view turns into its label and highlighting after sanitizing.
  code: ['data-language'],
  strong: [], em: [], del: [],
  a: ['href', 'title'],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
};

/**
 * Links that stay links: http(s), which the host opens, and `mailto:`, which it refuses with a message (so a click
 * on an address says why nothing opens). Any other destination is shown as plain text.
 */
export const ALLOWED_LINK = /^(?:https?|mailto):/i;
