/**
 * The messages VS Code's language-model API hands a provider, as Ollama's `/api/chat` messages. The `vscode` side
 * (src/vscode/lmParts.ts) turns VS Code's part classes into the plain parts below; this file only maps them, so it
 * is tested without VS Code.
 */
import type { Message, ToolCall } from 'ollama';

/** One part of a message, as far as Ollama can use it. */
export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'image'; base64: string }
  | { kind: 'toolCall'; callId: string; name: string; input: Record<string, unknown> }
  | { kind: 'toolResult'; callId: string; text: string };

/** One message of the request. */
export interface LmMessage {
  role: 'system' | 'user' | 'assistant';
  parts: LmPart[];
}

const textOf = (parts: LmPart[]): string => parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');

/**
 * Ollama's messages for `messages`. A tool result becomes a `tool` message named after the call it answers (VS Code's
 * result part carries only the call's id, Ollama's template wants the tool's name), placed before the text of the
 * same user message, as the model asked for the result before the user went on. Images go only to a model that
 * sees them: Ollama refuses the whole request otherwise, and VS Code sends none to a model without `imageInput`.
 */
export function toOllamaMessages(messages: readonly LmMessage[], vision: boolean): Message[] {
  const toolNames = new Map<string, string>();
  const out: Message[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      const calls = message.parts.filter((p): p is Extract<LmPart, { kind: 'toolCall' }> => p.kind === 'toolCall');
      for (const call of calls) toolNames.set(call.callId, call.name);
      const toolCalls: ToolCall[] = calls.map((c) => ({ function: { name: c.name, arguments: c.input } }));
      out.push({ role: 'assistant', content: textOf(message.parts), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) });
      continue;
    }
    for (const part of message.parts) {
      if (part.kind !== 'toolResult') continue;
      const name = toolNames.get(part.callId);
      out.push({ role: 'tool', content: part.text, ...(name ? { tool_name: name } : {}) });
    }
    const content = textOf(message.parts);
    const images = vision ? message.parts.flatMap((p) => (p.kind === 'image' ? [p.base64] : [])) : [];
    if (content || images.length || !message.parts.some((p) => p.kind === 'toolResult')) {
      out.push({ role: message.role, content, ...(images.length ? { images } : {}) });
    }
  }
  return out;
}
