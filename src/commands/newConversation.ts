/** "New Conversation": starts an empty conversation, shows it and puts the focus in the message box. */
import type { Services } from './services';

/** Starts an empty conversation and shows it. */
export async function newConversation(s: Services): Promise<string> {
  const conversation = await s.chat.startConversation();
  await s.view.reveal();
  s.view.focusInput();
  return conversation.id;
}
