/**
 * The sentence that names the turns left out of a prompt, said before sending (the composer's warning) and after it
 * (the reply's notice) in the same words.
 */
import { t } from './l10n';

/**
 * The first words of a message, to name it: its start with runs of white space made one space, cut at `max`
 * characters. Reads only as much of the text as that takes (the context meter names every message of a
 * conversation each time one is opened: a regular expression over all of a long one held the host for 15–20 ms).
 */
export function firstWords(text: string, max = 40): string {
  for (let take = max * 4; ; take *= 4) {
    const whole = take >= text.length;
    const line = (whole ? text : text.slice(0, take)).replace(/\s+/g, ' ').trim();
    // The collapsed start of the text is the start of the collapsed text, so past `max` characters it is the answer.
    if (line.length > max) return `${line.slice(0, max - 1).trimEnd()}…`;
    if (whole) return line;
  }
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
