/**
 * The sentence that names the turns left out of a prompt, said before sending (the composer's warning) and after it
 * (the reply's notice) in the same words.
 */
import { t } from './l10n';

/** The first words of a message, to name it. */
export function firstWords(text: string, max = 40): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * "The 3 oldest messages (from "How do I…" to "Thanks, and…") were left out to fit the context window (num_ctx
 * 4096)." `dropped` holds the texts of the left-out messages, oldest first; `future` says it before sending.
 */
export function leftOutNotice(dropped: readonly string[], numCtx: number, future = false): string {
  const n = dropped.length;
  const first = firstWords(dropped[0] ?? '');
  const last = firstWords(dropped[n - 1] ?? '');
  if (n === 1) {
    return future
      ? t('The oldest message ("{0}") will be left out to fit the model\'s context window (num_ctx {1}).', first, numCtx)
      : t('The oldest message ("{0}") was left out to fit the model\'s context window (num_ctx {1}).', first, numCtx);
  }
  return future
    ? t('The {0} oldest messages (from "{1}" to "{2}") will be left out to fit the model\'s context window (num_ctx {3}).', n, first, last, numCtx)
    : t('The {0} oldest messages (from "{1}" to "{2}") were left out to fit the model\'s context window (num_ctx {3}).', n, first, last, numCtx);
}
