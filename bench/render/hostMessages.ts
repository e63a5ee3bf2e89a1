/**
 * The messages the extension host sends the chat view while a conversation runs, in the order ChatViewProvider
 * sends them: a snapshot, then per turn the user message, the empty streaming reply, the stream phase, the
 * coalesced deltas, the final reply and the end of the stream.
 */
import type { HostMessage, ViewState } from '../../src/shared/protocol';
import type { ChatMessage } from '../../src/shared/types';

const CONVERSATION_ID = 'bench-conversation';
const MODEL = 'mistral';

/** A snapshot showing an empty conversation (the benchmark's own, unless another id is given). */
export function emptySnapshot(id = CONVERSATION_ID): HostMessage {
  const now = Date.now();
  const state: ViewState = {
    conversation: { id, title: 'Benchmark', createdAt: now, updatedAt: now, messages: [] },
    conversations: [{ id, title: 'Benchmark', createdAt: now, updatedAt: now, messageCount: 0, model: MODEL }],
    model: MODEL,
    stream: null,
    error: null,
    attachments: [],
    systemPrompt: null,
  };
  return { type: 'snapshot', state };
}

/** One turn: the messages before the first delta, the deltas' texts, and the messages after the last. */
export interface Turn {
  start: HostMessage[];
  deltas: string[];
  end: HostMessage[];
  messageId: string;
}

/** A turn whose reply is `tokens`, delivered `tokensPerDelta` at a time (what the host's coalescing yields). */
export function turn(index: number, tokens: readonly string[], tokensPerDelta: number): Turn {
  const now = Date.now();
  const messageId = `reply-${index}`;
  const user: ChatMessage = { id: `question-${index}`, role: 'user', content: `Question ${index}: explain streaming.`, timestamp: now, model: MODEL, status: 'complete' };
  const reply: ChatMessage = { id: messageId, role: 'assistant', content: '', timestamp: now, model: MODEL, status: 'streaming' };
  const deltas = chunk(tokens, tokensPerDelta);
  const done: ChatMessage = { ...reply, content: tokens.join(''), status: 'complete' };
  const stream = { conversationId: CONVERSATION_ID, messageId, phase: 'streaming' as const };
  return {
    messageId,
    start: [
      { type: 'message', conversationId: CONVERSATION_ID, message: user },
      { type: 'message', conversationId: CONVERSATION_ID, message: reply },
      { type: 'stream', stream },
    ],
    deltas,
    end: [
      { type: 'message', conversationId: CONVERSATION_ID, message: done },
      { type: 'stream', stream: null },
    ],
  };
}

/** `tokens` joined into texts of `tokensPerDelta` tokens each. */
export function chunk(tokens: readonly string[], tokensPerDelta: number): string[] {
  const texts: string[] = [];
  for (let i = 0; i < tokens.length; i += tokensPerDelta) texts.push(tokens.slice(i, i + tokensPerDelta).join(''));
  return texts;
}

/** A delta message for the turn's reply. */
export function delta(messageId: string, content: string): HostMessage {
  return { type: 'delta', conversationId: CONVERSATION_ID, messageId, content };
}
