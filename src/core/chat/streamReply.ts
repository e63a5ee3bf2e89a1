/**
 * One reply streamed outside a conversation of ours, for VS Code's own Chat (`@ollama`) and the language-model
 * provider: the user's system prompt first, then the caller's messages, with the user's options; not stored.
 */
import type { Message, Tool, ToolCall } from 'ollama';
import type { OllamaClient } from '../ollama/ollamaClient';
import type { Settings } from '../settings/config';

/** What the language-model provider adds to a plain reply: tools, its own options, and the non-text pieces. */
export interface ReplyExtras {
  tools?: Tool[];
  /** Sent instead of the settings' options. */
  options?: Settings['options'];
  onThinking?: (text: string) => void;
  onToolCalls?: (calls: ToolCall[]) => void;
}

/** Streams the reply for `messages` to `onText`, piece by piece; aborting `signal` ends it and closes the request. */
export async function streamReply(
  client: OllamaClient, settings: Settings, model: string, messages: Message[],
  signal: AbortSignal, onText: (text: string) => void, extras: ReplyExtras = {},
): Promise<void> {
  const system: Message[] = settings.systemPrompt.trim() ? [{ role: 'system', content: settings.systemPrompt }] : [];
  for await (const chunk of client.chat({
    model, messages: [...system, ...messages], options: extras.options ?? settings.options, keepAlive: settings.keepAlive,
    tools: extras.tools?.length ? extras.tools : undefined, signal,
  })) {
    if (chunk.type !== 'token') continue;
    if (chunk.thinking) extras.onThinking?.(chunk.thinking);
    if (chunk.content) onText(chunk.content);
    if (chunk.toolCalls) extras.onToolCalls?.(chunk.toolCalls);
  }
}
