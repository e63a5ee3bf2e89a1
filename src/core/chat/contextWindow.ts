/**
 * Keeps a conversation inside the model's context window. Ollama silently cuts a prompt that is too long (from the
 * start, system prompt included); we drop the oldest turns ourselves instead, keep the system prompt and the
 * newest message, and tell the user. Token counts are estimates (see `shared/contextBudget`), corrected by the
 * conversation's ratio of real to estimated tokens.
 */
import type { Message } from 'ollama';
import { calibratedTokens, fitTurns } from '../../shared/contextBudget';

export interface FittedHistory {
  messages: Message[];
  /** How many of the oldest messages were left out. */
  dropped: number;
  /** True when even the system prompt plus the newest message do not fit. */
  overflow: boolean;
  /** Calibrated estimate of the tokens of what is kept. */
  estimatedTokens: number;
  /** The same without the calibration: what `prompt_eval_count` is later compared with. */
  rawEstimate: number;
}

/**
 * Drops the oldest non-system messages until the estimate (times `ratio`) fits `numCtx` minus room for the reply
 * (a quarter of the window, at most 1024 tokens).
 */
export function fitToContext(messages: Message[], numCtx: number, ratio = 1): FittedHistory {
  const system = messages.filter((m) => m.role === 'system');
  const rest = messages.filter((m) => m.role !== 'system');
  const systemTokens = system.reduce((sum, m) => sum + calibratedTokens(m.content, ratio), 0);
  const fit = fitTurns(systemTokens, rest.map((m) => ({ role: m.role, tokens: calibratedTokens(m.content, ratio) })), numCtx);
  const kept = [...system, ...rest.slice(fit.start)];
  const rawEstimate = kept.reduce((sum, m) => sum + calibratedTokens(m.content, 1), 0);
  return { messages: kept, dropped: fit.start, overflow: fit.overflow, estimatedTokens: fit.total, rawEstimate };
}
