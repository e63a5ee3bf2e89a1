/** Asks Ollama whether it answers and has the configured model; shows the result as the view's banner. */
import type { Settings } from '../settings/config';
import { describeError, modelNotFoundError } from '../ollama/errors';
import { sameModel } from '../ollama/ollamaClient';
import type { ChatService } from './chatService';

/**
 * Sets the banner of the active conversation: "Ollama not reachable" / "model not installed", or clears it when
 * all is well. Never throws: this runs in the background when the view opens and after settings change.
 */
export async function checkConnection(chat: ChatService, settings: Settings): Promise<void> {
  const ctx = { host: settings.host, model: settings.model };
  try {
    const models = await chat.listModels();
    if (!models.some((m) => sameModel(settings.model, m.name))) {
      chat.setError(modelNotFoundError(ctx));
      return;
    }
    chat.setError(null);
  } catch (err) {
    chat.setError(describeError(err, ctx));
  }
}
