/** Human-readable figures for the chat view: durations, generation stats, relative dates. Pure, unit-tested. */
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
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
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
  if (s.evalCount !== undefined) parts.push(`${s.evalCount} ${s.evalCount === 1 ? 'token' : 'tokens'}`);
  if (s.tokensPerSecond !== undefined && s.tokensPerSecond > 0) parts.push(`${s.tokensPerSecond.toFixed(1)} tokens/s`);
  if (s.timeToFirstTokenMs !== undefined) parts.push(`${formatDuration(s.timeToFirstTokenMs)} to first token`);
  return parts.join(' · ');
}

/** The tooltip of that line: every figure Ollama reported. */
export function formatStatsDetail(stats: GenerationStats): string {
  const s = readStats(stats);
  const lines: string[] = [];
  if (s.promptEvalCount !== undefined) lines.push(`Prompt: ${s.promptEvalCount} tokens`);
  if (s.evalCount !== undefined && s.evalDurationMs !== undefined) {
    lines.push(`Reply: ${s.evalCount} tokens in ${formatDuration(s.evalDurationMs)}`);
  }
  if (s.loadDurationMs !== undefined) lines.push(`Model load: ${formatDuration(s.loadDurationMs)}`);
  if (s.totalDurationMs !== undefined) lines.push(`Total: ${formatDuration(s.totalDurationMs)}`);
  if (s.doneReason) lines.push(`Ended by: ${s.doneReason}`);
  return lines.join('\n');
}

export { relativeTime } from '../shared/relativeTime';

/** What the pending reply says while the request waits for its first token. */
export function waitingText(model: string): string {
  return `Waiting for ${model || 'the model'}… (loading the model can take a while)`;
}

/** A text length for people: `812 chars`, `12.3k chars`, `1.2M chars`. */
export function formatChars(chars: number): string {
  if (chars < 1000) return `${chars} chars`;
  if (chars < 1_000_000) return `${(chars / 1000).toFixed(1)}k chars`;
  return `${(chars / 1_000_000).toFixed(1)}M chars`;
}
