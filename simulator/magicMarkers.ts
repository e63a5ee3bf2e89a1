/**
 * Markers in a prompt that pick the simulator's behaviour, so that a UI test (which cannot reach the simulator
 * object from the browser) or a person trying the demo chooses a reply by what they type.
 */
import type { ReplyScript } from './replyScript';
import { longReplyTokens, xssReply } from './replies';

/** Number of chunks a `[[slow]]` reply streams. */
const SLOW_TOKENS = 60;
/** Delay between chunks of a `[[slow]]` reply. */
const SLOW_TOKEN_DELAY_MS = 150;
/** Chunks sent before the fault of `[[error]]` and `[[drop]]`. */
const MAGIC_FAULT_AFTER_TOKENS = 5;
/** Upper bound for `[[long:N]]`, so a typo cannot exhaust memory. */
const LONG_MAX_TOKENS = 1_000_000;
/** The message real Ollama sends when a runner dies mid-reply. */
const MAGIC_ERROR_MESSAGE = 'an error was encountered while running the model: unexpected EOF';

/**
 * Behaviour selected by markers in the prompt (the last user message), merged over the simulator's default
 * reply: `[[slow]]` 60 chunks 150 ms apart; `[[long:N]]` N chunks of mixed markdown; `[[xss]]` the
 * {@link xssReply}; `[[load:MS]]` MS ms before the first chunk (a cold model load); `[[error]]` a
 * mid-stream error after 5 chunks; `[[drop]]` the connection dropped after 5 chunks.
 * Returns an empty script when the prompt has no marker.
 */
export function magicScript(prompt: string): ReplyScript {
  const script: ReplyScript = {};
  const long = /\[\[long:(\d+)\]\]/.exec(prompt);
  const load = /\[\[load:(\d+)\]\]/.exec(prompt);
  if (prompt.includes('[[xss]]')) {
    script.text = xssReply();
  } else if (long) {
    script.tokens = longReplyTokens(Math.min(Number(long[1]), LONG_MAX_TOKENS));
  } else if (prompt.includes('[[slow]]')) {
    script.tokens = longReplyTokens(SLOW_TOKENS);
  }
  if (prompt.includes('[[slow]]')) {
    script.tokenDelayMs = SLOW_TOKEN_DELAY_MS;
  }
  if (load) {
    script.firstTokenDelayMs = Number(load[1]);
  }
  if (prompt.includes('[[drop]]')) {
    script.fault = { kind: 'drop', afterTokens: MAGIC_FAULT_AFTER_TOKENS };
  } else if (prompt.includes('[[error]]')) {
    script.fault = { kind: 'midStreamError', afterTokens: MAGIC_FAULT_AFTER_TOKENS, error: MAGIC_ERROR_MESSAGE };
  }
  return script;
}
