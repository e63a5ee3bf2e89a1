/**
 * The long conversation of the snapshot benchmark, as a file of the extension's own export format (what
 * "Export Conversation…" writes and "Import Conversation…" reads): `messages` messages of `tokens` tokens of mixed
 * markdown each, user and assistant taking turns, assistant ones with the model and statistics a real reply has.
 */
import { toJson } from '../../src/core/conversations/exportFormat';
import type { ChatMessage, Conversation } from '../../src/shared/types';
import { longReplyTokens } from '../../simulator';

const MODEL = 'mistral:latest';

/** The export (JSON text) of a conversation with id `id`. */
export function conversationExport(id: string, title: string, messages: number, tokens: number): string {
  const text = longReplyTokens(tokens).join('');
  const start = Date.UTC(2026, 0, 1);
  const list: ChatMessage[] = Array.from({ length: messages }, (_, i) => {
    const timestamp = start + i * 60_000;
    const content = `Message ${i + 1}\n\n${text}`;
    if (i % 2 === 0) return { id: `m${i}`, role: 'user', content, timestamp, model: MODEL, status: 'complete' };
    const stats = { evalCount: tokens, promptEvalCount: 100, totalDurationMs: 40_100, loadDurationMs: 10, evalDurationMs: 40_000, tokensPerSecond: tokens / 40 };
    return { id: `m${i}`, role: 'assistant', content, timestamp, model: MODEL, status: 'complete', stats };
  });
  const conversation: Conversation = { id, title, createdAt: start, updatedAt: start + messages * 60_000, messages: list };
  return toJson(conversation);
}
