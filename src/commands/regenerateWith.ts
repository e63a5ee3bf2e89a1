/**
 * "Regenerate Reply With…": the last reply of a conversation asked again from another model, picked from Ollama's live
 * list (or given by the caller). The reply shown until now stays as an earlier version; each version names its model.
 */
import vscode = require('vscode');
import type { ChatMessage } from '../shared/types';
import { chooseModel } from './pickModel';
import type { Services } from './services';
import { showCommandError } from './showError';

/**
 * Regenerates the last reply of conversation `conversationId` (default: the one shown) with `model`, or with the model
 * the user picks. Resolves with the new reply when it ends, or undefined when there was none to ask or the user cancelled.
 */
export async function regenerateWith(s: Services, conversationId?: string, model?: string): Promise<ChatMessage | undefined> {
  const id = conversationId ?? s.chat.activeConversationId();
  const conversation = id ? s.chat.getConversation(id) : undefined;
  if (!id || !conversation?.messages.some((m) => m.role === 'user')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no reply to regenerate yet. Send a message first; then Regenerate Reply With… asks another model.'));
    return undefined;
  }
  const last = conversation.messages.at(-1);
  const current = (last?.role === 'assistant' && last.model) || conversation.settings?.model || s.settings.current().model;
  let chosen = model?.trim();
  if (!chosen) {
    chosen = await chooseModel(s, vscode.l10n.t('Ollama Chat: Regenerate Reply With…'), current);
    if (!chosen) return undefined;
    // Picked by hand (perhaps from the palette with the chat hidden): show the reply being written. A caller that
    // names the model (another extension, a keybinding) leaves the views as they are.
    await s.view.reveal();
  }
  try {
    return await s.chat.regenerate(id, chosen);
  } catch (err) {
    return showCommandError(s, err, { model: chosen });
  }
}
