/** The quick pick the history commands share to choose a conversation. */
import vscode = require('vscode');
import { relativeTime } from '../shared/relativeTime';
import type { Services } from './services';

/** Lets the user choose a conversation (by title, model, date); resolves with its id. */
export async function chooseConversation(s: Services, title: string, id?: string): Promise<string | undefined> {
  if (typeof id === 'string') return id;
  const items = s.chat.listConversations().map((c) => ({
    label: c.title,
    description: [c.model, relativeTime(c.updatedAt, Date.now())].filter(Boolean).join(' · '),
    detail: c.messageCount === 1 ? vscode.l10n.t('1 message') : vscode.l10n.t('{0} messages', c.messageCount),
    id: c.id,
  }));
  if (!items.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no conversations yet.'));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Search conversations by title'), matchOnDescription: true });
  return choice?.id;
}
