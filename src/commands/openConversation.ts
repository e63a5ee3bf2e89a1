/** "Open Conversation…": a conversation from the history, chosen in a quick pick (or by id), shown in the view. */
import { chooseConversation } from './conversationPicker';
import type { Services } from './services';

/** Opens a conversation from the history in the chat view. */
export async function openConversation(s: Services, id?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Open Conversation', id);
  if (!chosen) return;
  await s.chat.setActive(chosen);
  await s.view.reveal();
}
