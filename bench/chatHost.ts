/** The extension's chat service as `activate()` wires it, without VS Code: default settings, the given server. */
import { ChatService } from '../src/core/chat/chatService';
import type { Settings } from '../src/core/settings/config';
import type { ConversationStore } from '../src/core/conversations/conversationStore';
import { OllamaClient } from '../src/core/ollama/ollamaClient';

/** The extension's default model (the simulator has it installed). */
export const MODEL = 'mistral';

/** A ChatService on `store` talking to the Ollama (test) server at `url`. */
export function createChatService(store: ConversationStore, url: string): ChatService {
  const settings: Settings = { host: url, model: MODEL, systemPrompt: '', options: {}, keepAlive: '5m' };
  return new ChatService(store, new OllamaClient(() => ({ host: url })), () => settings);
}
