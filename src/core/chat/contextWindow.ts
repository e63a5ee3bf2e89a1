/**
 * Keeps a conversation inside the model's context window. Ollama silently cuts a prompt that is too long (from the
 * start, system prompt included); we drop the oldest turns ourselves instead, keep the system prompt and the
 * newest message, and tell the user. Token counts are estimates (no tokenizer here): about 3.5 characters a token.
 */
import type { Message } from 'ollama';

/** Ollama's default `num_ctx` when neither the settings nor the conversation set one. */
export const DEFAULT_NUM_CTX = 4096;

/** A rough, deliberately high token estimate of a message (text plus a few tokens of chat-template overhead). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5) + 4;
}

export interface FittedHistory {
  messages: Message[];
  /** How many of the oldest messages were left out. */
  dropped: number;
  /** True when even the system prompt plus the newest message do not fit. */
  overflow: boolean;
  estimatedTokens: number;
}

/**
 * Drops the oldest non-system messages until the estimate fits `numCtx` minus room for the reply
 * (a quarter of the window, at most 1024 tokens).
 */
export function fitToContext(messages: Message[], numCtx: number): FittedHistory {
  const budget = numCtx - Math.min(1024, Math.floor(numCtx / 4));
  const system = messages.filter((m) => m.role === 'system');
  const rest = messages.filter((m) => m.role !== 'system');
  const systemTokens = system.reduce((sum, m) => sum + estimateTokens(m.content), 0);
  let total = systemTokens + rest.reduce((sum, m) => sum + estimateTokens(m.content), 0);
  let start = 0;
  while (total > budget && start < rest.length - 1) {
    total -= estimateTokens(rest[start].content);
    start++;
  }
  // Never begin the kept history with an assistant reply whose question was dropped.
  while (start > 0 && start < rest.length - 1 && rest[start].role === 'assistant') {
    total -= estimateTokens(rest[start].content);
    start++;
  }
  return { messages: [...system, ...rest.slice(start)], dropped: start, overflow: total > budget, estimatedTokens: total };
}
