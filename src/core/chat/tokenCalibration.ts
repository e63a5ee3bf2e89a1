/**
 * How far our length-based token estimate is off for one conversation: Ollama reports the real size of each prompt
 * (`prompt_eval_count`), and we stored our estimate of the same prompt with the reply. Their ratio, from the newest
 * reply that has both, corrects later estimates (code and non-English text have more tokens per character).
 */
import type { Conversation } from '../../shared/types';

/** Bounds of the ratio: a prompt served from Ollama's cache may report fewer tokens than it has. */
const MIN_RATIO = 0.25;
const MAX_RATIO = 4;

/** Real tokens per estimated token in `conversation`, 1 when no reply has told us yet. */
export function tokenRatio(conversation: Conversation | undefined): number {
  const messages = conversation?.messages ?? [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const stats = messages[i].stats;
    if (stats?.promptEstimate && stats.promptEvalCount > 0) {
      return Math.min(MAX_RATIO, Math.max(MIN_RATIO, stats.promptEvalCount / stats.promptEstimate));
    }
  }
  return 1;
}
