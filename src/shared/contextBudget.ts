/**
 * The arithmetic of the context window, shared by the host (which trims the prompt) and the webview (whose meter adds
 * the text being typed without asking the host): a token estimate from the length of a text, corrected by a
 * per-conversation ratio learned from Ollama's `prompt_eval_count`, and which of the oldest turns must be left out.
 * No tokenizer here: the estimate depends only on the length, so it costs the same for every key press.
 */

/** Tokens of chat-template overhead per message (role markers and separators). */
const MESSAGE_OVERHEAD = 4;

/** A rough, deliberately high token estimate of one message (text plus a few tokens of chat-template overhead). */
export function estimateTokens(text: string): number {
  return tokensForChars(text.length, 1);
}

/** `estimateTokens` corrected by `ratio` (real tokens per estimated token, 1 until Ollama has told us). */
export function calibratedTokens(text: string, ratio: number): number {
  return tokensForChars(text.length, ratio);
}

/** The calibrated estimate of a message of `chars` characters: about 3.5 characters a token, plus the overhead. */
export function tokensForChars(chars: number, ratio: number): number {
  return Math.ceil((Math.ceil(chars / 3.5) + MESSAGE_OVERHEAD) * ratio);
}

/** Room kept free for the reply: a quarter of the window, at most 1024 tokens. */
export function replyReserve(numCtx: number): number {
  return Math.min(1024, Math.floor(numCtx / 4));
}

/** One message of the history, as far as fitting it is concerned. */
export interface TurnSize {
  role: string;
  tokens: number;
}

/** Which messages fit. */
export interface TurnFit {
  /** Index of the first kept turn: the turns before it are left out. */
  start: number;
  /** Tokens of what is kept, system prompt included. */
  total: number;
  /** True when even the system prompt plus the newest message do not fit. */
  overflow: boolean;
}

/**
 * Drops the oldest turns until `systemTokens` plus the rest fit `numCtx` minus the reply's room. The newest turn is
 * always kept, and the kept history never begins with a reply whose question was dropped.
 */
export function fitTurns(systemTokens: number, turns: readonly TurnSize[], numCtx: number): TurnFit {
  const budget = numCtx - replyReserve(numCtx);
  let total = systemTokens;
  for (const turn of turns) total += turn.tokens;
  let start = 0;
  while (total > budget && start < turns.length - 1) {
    total -= turns[start].tokens;
    start++;
  }
  while (start > 0 && start < turns.length - 1 && turns[start].role === 'assistant') {
    total -= turns[start].tokens;
    start++;
  }
  return { start, total, overflow: total > budget };
}
