/**
 * VS Code's language-model message parts as the plain parts of src/core/lm/lmMessages.ts, and back for the reply.
 * Classes newer than our `@types/vscode` (`LanguageModelDataPart` 1.104, `LanguageModelThinkingPart`, proposed in
 * some versions) are looked up on the running API: where a class is missing, no part of it can arrive, and a reply's
 * thinking is left out.
 */
import vscode = require('vscode');
import type { LmMessage, LmPart } from '../core/lm/lmMessages';

/** A message as a provider receives it (`LanguageModelChatRequestMessage`, VS Code ≥ 1.104). */
export interface LmRequestMessage {
  role: number;
  content: readonly unknown[];
}

interface DataPart { mimeType: string; data: Uint8Array }
type PartClass<T> = (abstract new (...args: never[]) => T) | undefined;

/** The classes of the running VS Code's API that our `@types/vscode` does not know. */
const newer = vscode as unknown as {
  LanguageModelDataPart?: PartClass<DataPart>;
  LanguageModelThinkingPart?: new (value: string) => unknown;
};

/** The System role's value in the running VS Code (3 where it exists; older versions send no system messages). */
const SYSTEM_ROLE = (vscode.LanguageModelChatMessageRole as unknown as { System?: number }).System;

const isDataPart = (part: unknown): part is DataPart =>
  !!newer.LanguageModelDataPart && part instanceof newer.LanguageModelDataPart;

const decoder = new TextDecoder();

/** The text of a tool result's content: its text parts, and data parts that are text (JSON, plain text). */
function toolResultText(content: readonly unknown[]): string {
  return content.map((part) => {
    if (part instanceof vscode.LanguageModelTextPart) return part.value;
    if (part instanceof vscode.LanguageModelPromptTsxPart) return JSON.stringify(part.value);
    if (isDataPart(part) && /^(text\/|application\/json)|json$/.test(part.mimeType)) return decoder.decode(part.data);
    return '';
  }).join('');
}

function partOf(part: unknown): LmPart | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return { kind: 'text', text: part.value };
  if (part instanceof vscode.LanguageModelToolCallPart) {
    return { kind: 'toolCall', callId: part.callId, name: part.name, input: part.input as Record<string, unknown> };
  }
  if (part instanceof vscode.LanguageModelToolResultPart) return { kind: 'toolResult', callId: part.callId, text: toolResultText(part.content) };
  if (isDataPart(part) && part.mimeType.startsWith('image/')) return { kind: 'image', base64: Buffer.from(part.data).toString('base64') };
  return undefined;
}

/** The request's messages as plain messages; parts Ollama has no use for (other data, cache hints) are left out. */
export function plainMessages(messages: readonly LmRequestMessage[]): LmMessage[] {
  return messages.map((m) => ({
    role: m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : m.role === SYSTEM_ROLE ? 'system' : 'user',
    parts: m.content.map(partOf).filter((p): p is LmPart => p !== undefined),
  }));
}

/** The text of a message, for counting its tokens. */
export function messageText(message: LmRequestMessage): string {
  return plainMessages([message])[0].parts.map((p) => (p.kind === 'text' || p.kind === 'toolResult' ? p.text : p.kind === 'toolCall' ? JSON.stringify(p.input) : '')).join('');
}

/** A thinking part for the reply, or undefined where the running VS Code has no such class (the thinking is dropped). */
export function thinkingPart(text: string): unknown {
  return newer.LanguageModelThinkingPart ? new newer.LanguageModelThinkingPart(text) : undefined;
}
