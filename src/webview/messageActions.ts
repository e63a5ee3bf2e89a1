/**
 * Clicks inside the message list, handled by delegation: links go to the host (which checks and opens them),
 * buttons act by their `data-action` (set by the message views and the code-block frame).
 */
import type { AssistantMessageView } from './assistantMessageView';
import type { SystemMessageView } from './systemMessageView';
import { codeOf } from './codeBlock';
import { flashCopied } from './dom';
import type { PlainMessageView } from './plainMessageView';
import { UserMessageView } from './userMessageView';
import type { HostChannel } from './vscodeApi';

export type MessageView = AssistantMessageView | UserMessageView | SystemMessageView | PlainMessageView;

/** Handles a click in the list; `viewOf` finds the view of the message an element belongs to. */
export function handleMessageClick(
  e: MouseEvent,
  viewOf: (el: Element) => MessageView | undefined,
  host: HostChannel,
): void {
  const target = e.target as Element;
  const link = target.closest('a');
  if (link) {
    // VS Code's webview shell opens every link it sees clicked, `defaultPrevented` or not (and `mailto:` too): the
    // click must not reach its listener on the window, so only the host (which checks the link) opens it, once.
    e.preventDefault();
    e.stopPropagation();
    const href = link.getAttribute('href');
    if (href) host.post({ type: 'openLink', href });
    return;
  }
  const control = target.closest<HTMLButtonElement>('button[data-action]');
  if (!control) return;
  const view = viewOf(control);
  const code = codeOf(control);
  switch (control.dataset.action) {
    case 'copy-code':
      if (code) host.post({ type: 'copy', text: code.code });
      flashCopied(control);
      return;
    case 'insert-code':
      if (code) host.post({ type: 'insertCode', code: code.code });
      return;
    case 'new-file':
      if (code) host.post({ type: 'newFile', code: code.code, language: code.language });
      return;
    case 'apply-code':
      if (code && view) host.post({ type: 'applyCode', code: code.code, messageId: view.message.id });
      return;
    case 'copy-message':
      if (view) host.post({ type: 'copy', text: view.message.content });
      flashCopied(control);
      return;
    case 'regenerate':
      host.post({ type: 'regenerate' });
      return;
    case 'continue-reply':
      if (view) host.post({ type: 'continueReply', messageId: view.message.id });
      return;
    case 'raise-context':
      host.post({ type: 'raiseContext' });
      return;
    case 'select-version':
      if (view) host.post({ type: 'selectVersion', messageId: view.message.id, version: Number(control.dataset.position) });
      return;
    case 'select-branch':
      if (view) host.post({ type: 'selectBranch', messageId: view.message.id, branch: Number(control.dataset.position) });
      return;
    case 'regenerate-with':
      host.post({ type: 'regenerateWith' });
      return;
    case 'edit':
      if (view instanceof UserMessageView) view.startEdit();
      return;
    case 'edit-cancel':
      if (view instanceof UserMessageView) view.stopEdit();
      return;
    case 'edit-submit':
      if (view instanceof UserMessageView && view.editedText?.trim()) {
        host.post({ type: 'editAndResend', messageId: view.message.id, text: view.editedText });
        view.stopEdit();
      }
      return;
  }
}
