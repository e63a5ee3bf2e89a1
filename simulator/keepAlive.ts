/** Ollama's `keep_alive` request field: how long a model stays loaded after a request. */

/** `keep_alive` when the request has none, in ms (Ollama: 5m). */
const DEFAULT_KEEP_ALIVE_MS = 5 * 60_000;

/** Go duration (`"5m"`, `"1h30m"`, `"-1"`), or a number of seconds; negative = forever. Returns ms. */
export function parseKeepAlive(value: unknown): number {
  const forever = 292 * 365 * 86_400_000; // Go's maximum time.Duration, what Ollama reports
  if (typeof value === 'number') {
    return value < 0 ? forever : value * 1000;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    return DEFAULT_KEEP_ALIVE_MS;
  }
  const text = value.trim();
  if (text.startsWith('-')) {
    return forever;
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1000;
  }
  const unitMs: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(amount) * unitMs[unit];
  }
  return total;
}
