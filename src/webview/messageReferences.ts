/**
 * What went with a user message, listed under it: the files, selections, problems and folders attached or mentioned,
 * those cut to fit marked so, and those that could not be sent (deleted, binary) with the reason.
 */
import type { MessageReference } from '../shared/types';
import { h } from './dom';
import { icon } from './icons';
import { t } from '../shared/l10n';

/** The list for `references`; an empty, hidden element when there are none. */
export function messageReferences(references: readonly MessageReference[] | undefined): HTMLElement {
  const list = h('ul', { className: 'message-references', attrs: { 'aria-label': t('Sent with this message') }, hidden: !references?.length });
  for (const r of references ?? []) {
    const note = r.missing ? `not sent: ${r.missing}` : r.truncated ? 'first part only' : '';
    list.append(h(
      'li',
      { className: r.missing ? 'reference is-missing' : 'reference', attrs: { 'data-kind': r.kind } },
      icon(r.missing ? 'error' : 'file'),
      h('span', { className: 'reference-name', text: r.name }),
      note ? h('span', { className: 'reference-note', text: ` (${note})` }) : null,
    ));
  }
  return list;
}
