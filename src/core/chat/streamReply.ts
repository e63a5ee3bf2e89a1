/**
 * One reply streamed outside a conversation of ours, for VS Code's own Chat (`@ollama`) and the language-model
 * provider: the user's system prompt first, then the caller's messages, with the user's options; not stored.
 */
import type { Message } from 'ollama';
import type { OllamaClient } from '../ollama/ollamaClient';
import type { Settings } from '../settings/config';

/** Streams the reply for `messages` to `onText`, piece by piece; aborting `signal` ends it and closes the request. */
export async function streamReply(
  client: OllamaClient, settings: Settings, model: string, messages: Message[],
  signal: AbortSignal, onText: (text: string) => void,
): Promise<void> {
  const system: Message[] = settings.systemPrompt.trim() ? [{ role: 'system', content: settings.systemPrompt }] : [];
  for await (const chunk of client.chat({
    model, messages: [...system, ...messages], options: settings.options, keepAlive: settings.keepAlive, signal,
  })) {
    if (chunk.type === 'token' && chunk.content) onText(chunk.content);
  }
}
