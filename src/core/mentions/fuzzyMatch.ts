/**
 * Fuzzy matching of what the user typed after `@` against file paths and labels, like a quick-open box: the letters
 * must appear in order; runs of them, matches at word starts and in the file name (rather than the folders) rank
 * higher. Pure, and cheap enough to filter 10,000 paths on every key press (see the `mentions` benchmark).
 */

/** A candidate prepared once, so typing does not lowercase 10,000 paths per key press. */
export interface FuzzyCandidate<T> {
  item: T;
  /** The text matched, lowercased. */
  lower: string;
  /** Where the last path segment (the file name) starts in `lower`. */
  nameStart: number;
}

/** Prepares `text` (a path or a label) of `item` for matching. */
export function fuzzyCandidate<T>(item: T, text: string): FuzzyCandidate<T> {
  const lower = text.toLowerCase();
  return { item, lower, nameStart: lower.lastIndexOf('/') + 1 };
}

const WORD_BREAKS = new Set(['/', '\\', '.', '-', '_', ' ']);

/**
 * The score of `query` (lowercase, no spaces) against `candidate` (higher is better), or undefined when its letters
 * are not all there in order.
 * Greedy from the left: good enough for ranking and linear in the text's length.
 */
export function fuzzyScore(query: string, candidate: FuzzyCandidate<unknown>): number | undefined {
  const { lower, nameStart } = candidate;
  if (query.length === 0) return 0;
  // The file name is tried first: `chat` should find `src/chat.ts` before `chat/old/x.ts`.
  const inName = lower.indexOf(query, nameStart);
  if (inName >= 0) return 2000 + (inName === nameStart ? 500 : 0) - lower.length;
  // Then the letters as one run in the folders, then letters spread out (scored below any run).
  const inPath = lower.indexOf(query);
  if (inPath >= 0) return 1000 - lower.length * 0.01;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of query) {
    const at = lower.indexOf(ch, from);
    if (at < 0) return undefined;
    if (at === previous + 1) score += 8;
    if (at === 0 || WORD_BREAKS.has(lower[at - 1]!)) score += 6;
    if (at >= nameStart) score += 3;
    score -= Math.min(at - from, 10) * 0.1;
    previous = at;
    from = at + 1;
  }
  return Math.min(score - lower.length * 0.01, 999);
}

/** The best `limit` candidates for `query` (spaces ignored, case-insensitive), best first; ties keep their order. */
export function fuzzyFilter<T>(query: string, candidates: readonly FuzzyCandidate<T>[], limit: number): T[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const scored: { item: T; score: number; index: number }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const score = fuzzyScore(q, candidates[i]!);
    if (score !== undefined) scored.push({ item: candidates[i]!.item, score, index: i });
  }
  scored.sort((a, b) => b.score - a.score || a.index - b.index);
  return scored.slice(0, limit).map((s) => s.item);
}
