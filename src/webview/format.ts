/** Human-readable figures for the chat view: durations, generation stats, relative dates. Pure, unit-tested. */
import { formatNumber, t } from '../shared/l10n';
import type { GenerationStats } from '../shared/types';

/**
 * A figure read from stored or imported data, which may not have the type it should: the number if it is a finite
 * one, else `undefined` (and the figure is left out rather than the view failing).
 */
function figure(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `850 ms`, `1.2 s`, `2 min 5 s`; '' for what is not a duration. */
export function formatDuration(ms: number): string {
  if (figure(ms) === undefined) return '';
  if (ms < 1000) return t('{0} ms', formatNumber(Math.round(ms)));
  if (ms < 60_000) return t('{0} s', formatNumber(ms / 1000, 1));
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? t('{0} min {1} s', minutes, seconds) : t('{0} min', minutes);
}

/** The stats' fields as far as they are what they should be (see `figure`). */
function readStats(stats: GenerationStats | undefined): Partial<GenerationStats> {
  if (typeof stats !== 'object' || stats === null) return {};
  return {
    evalCount: figure(stats.evalCount),
    promptEvalCount: figure(stats.promptEvalCount),
    totalDurationMs: figure(stats.totalDurationMs),
    loadDurationMs: figure(stats.loadDurationMs),
    evalDurationMs: figure(stats.evalDurationMs),
    tokensPerSecond: figure(stats.tokensPerSecond),
    timeToFirstTokenMs: figure(stats.timeToFirstTokenMs),
    doneReason: typeof stats.doneReason === 'string' ? stats.doneReason : undefined,
  };
}

/** The short line under a reply: model, tokens, speed, time to first token (what is known of them). */
export function formatStats(model: string | undefined, stats: GenerationStats | undefined): string {
  const parts: string[] = [];
  if (model) parts.push(model);
  const s = readStats(stats);
  if (s.evalCount !== undefined) parts.push(s.evalCount === 1 ? t('{0} token', formatNumber(s.evalCount)) : t('{0} tokens', formatNumber(s.evalCount)));
  if (s.tokensPerSecond !== undefined && s.tokensPerSecond > 0) parts.push(t('{0} tokens/s', formatNumber(s.tokensPerSecond, 1)));
  if (s.timeToFirstTokenMs !== undefined) parts.push(t('{0} to first token', formatDuration(s.timeToFirstTokenMs)));
  return parts.join(' · ');
}

/** The tooltip of that line: every figure Ollama reported. */
export function formatStatsDetail(stats: GenerationStats): string {
  const s = readStats(stats);
  const lines: string[] = [];
  if (s.promptEvalCount !== undefined) lines.push(t('Prompt: {0} tokens', formatNumber(s.promptEvalCount)));
  if (s.evalCount !== undefined && s.evalDurationMs !== undefined) {
    lines.push(t('Reply: {0} tokens in {1}', formatNumber(s.evalCount), formatDuration(s.evalDurationMs)));
  }
  if (s.loadDurationMs !== undefined) lines.push(t('Model load: {0}', formatDuration(s.loadDurationMs)));
  if (s.totalDurationMs !== undefined) lines.push(t('Total: {0}', formatDuration(s.totalDurationMs)));
  if (s.doneReason) lines.push(t('Ended by: {0}', s.doneReason));
  return lines.join('\n');
}

export { relativeTime } from '../shared/relativeTime';

/** What the pending reply says while the request waits for its first token. */
export function waitingText(model: string): string {
  return model ? t('Waiting for {0}… (loading the model can take a while)', model) : t('Waiting for the model… (loading the model can take a while)');
}

/** A text length for people: `812 chars`, `12.3k chars`, `1.2M chars`. */
export function formatChars(chars: number): string {
  if (chars < 1000) return t('{0} chars', formatNumber(chars));
  if (chars < 1_000_000) return t('{0}k chars', formatNumber(chars / 1000, 1));
  return t('{0}M chars', formatNumber(chars / 1_000_000, 1));
}
