/** Human-readable figures for the chat view: durations, generation stats, relative dates. Pure, unit-tested. */
import type { GenerationStats } from '../shared/types';

/** `850 ms`, `1.2 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** The short line under a reply: model, tokens, speed, time to first token (what is known of them). */
export function formatStats(model: string | undefined, stats: GenerationStats | undefined): string {
  const parts: string[] = [];
  if (model) parts.push(model);
  if (stats) {
    parts.push(`${stats.evalCount} ${stats.evalCount === 1 ? 'token' : 'tokens'}`);
    if (stats.tokensPerSecond > 0) parts.push(`${stats.tokensPerSecond.toFixed(1)} tokens/s`);
    if (stats.timeToFirstTokenMs !== undefined) {
      parts.push(`${formatDuration(stats.timeToFirstTokenMs)} to first token`);
    }
  }
  return parts.join(' · ');
}

/** The tooltip of that line: every figure Ollama reported. */
export function formatStatsDetail(stats: GenerationStats): string {
  const lines = [
    `Prompt: ${stats.promptEvalCount} tokens`,
    `Reply: ${stats.evalCount} tokens in ${formatDuration(stats.evalDurationMs)}`,
    `Model load: ${formatDuration(stats.loadDurationMs)}`,
    `Total: ${formatDuration(stats.totalDurationMs)}`,
  ];
  if (stats.doneReason) lines.push(`Ended by: ${stats.doneReason}`);
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
