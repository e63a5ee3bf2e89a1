/** Which Ollama model `@ollama` answers with in VS Code's Chat view. */

/** The language-model vendor id the Ollama models are registered under. */
export const LM_VENDOR = 'ollama-chat';

/**
 * The model picked in the Chat view when it is one of ours (its id is the Ollama model's name), else the model in the
 * settings: a model of another vendor (Copilot's, say) does not exist in Ollama.
 */
export function participantModel(picked: { vendor: string; id: string } | undefined, settingsModel: string): string {
  return picked?.vendor === LM_VENDOR && picked.id ? picked.id : settingsModel;
}
