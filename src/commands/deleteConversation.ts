/** "Delete Conversation…": deletes at once and offers Undo. */
import { imagesToDelete } from '../core/images/conversationImages';
import { chooseConversation } from './conversationPicker';
import type { Services } from './services';

/**
 * Deletes a conversation at once and offers Undo in the notification. Its images are deleted only once the
 * notification is gone without Undo, and only those no other conversation (or the next message) refers to.
 */
export async function deleteConversation(s: Services, id?: string): Promise<void> {
  const chosen = await chooseConversation(s, 'Ollama Chat: Delete Conversation', id);
  if (!chosen) return;
  const removed = await s.chat.deleteConversation(chosen);
  if (!removed) return;
  const undo = await s.modal.notify(`Deleted "${removed.title}".`, 'Undo');
  if (undo === 'Undo') {
    await s.chat.restoreConversation(removed);
    return;
  }
  const kept = new Set([...s.chat.referencedImages(), ...s.view.relay.pendingImageHashes()]);
  await s.images.remove(imagesToDelete(removed, kept));
}
