/** New, open, rename and delete conversations: the history commands, all small. */
import * as vscode from 'vscode';
import { relativeTime } from '../shared/relativeTime';
import type { Services } from './services';

/** Starts an empty conversation and shows it. */
export async function newConversation(s: Services): Promise<string> {
  const conversation = await s.chat.startConversation();
  await s.view.reveal();
  s.view.focusInput();
  return conversation.id;
}

/** Lets the user choose a conversation (by title, model, date); resolves with its id. */
async function chooseConversation(s: Services, title: string, id?: string): Promise<string | undefined> {
  if (typeof id === 'string') return id;
  const items = s.chat.listConversations().map((c) => ({
    label: c.title,
    description: [c.model, relativeTime(c.updatedAt, Date.now())].filter(Boolean).join(' · '),
    detail: `${c.messageCount} message${c.messageCount === 1 ? '' : 's'}`,
    id: c.id,
  }));
  if (!items.length) {
    void vscode.window.showInformationMessage('There are no conversations yet.');
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(items, { title, placeHolder: 'Search conversations by title', matchOnDescription: true });
  return choice?.id;
}

/** Opens a conversation from the history in the chat view. */
export async function openConversation(s: Services, id?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Open Conversation', id);
  if (!chosen) return;
  await s.chat.setActive(chosen);
  await s.view.reveal();
}

/** Renames a conversation; with `title` given, no prompt is shown. */
export async function renameConversation(s: Services, id?: string, title?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Rename Conversation', id ?? s.chat.activeConversationId());
  const conversation = chosen ? s.chat.getConversation(chosen) : undefined;
  if (!chosen || !conversation) return;
  const newTitle = title ?? await vscode.window.showInputBox({
    title: 'Rename Conversation', value: conversation.title, prompt: 'New title',
    validateInput: (v) => (v.trim() ? undefined : 'The title cannot be empty.'),
  });
  if (newTitle?.trim()) await s.chat.renameConversation(chosen, newTitle);
}

/** Deletes a conversation at once and offers Undo in the notification. */
export async function deleteConversation(s: Services, id?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Delete Conversation', id);
  if (!chosen) return;
  const removed = await s.chat.deleteConversation(chosen);
  if (!removed) return;
  const undo = await vscode.window.showInformationMessage(`Deleted "${removed.title}".`, 'Undo');
  if (undo === 'Undo') await s.chat.restoreConversation(removed);
}
