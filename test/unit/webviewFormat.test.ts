import * as assert from 'assert';
import { formatChars, formatDuration, formatStats, formatStatsDetail, relativeTime, waitingText } from '../../src/webview/format';
import type { GenerationStats } from '../../src/shared/types';

const stats: GenerationStats = {
  evalCount: 312,
  promptEvalCount: 48,
  totalDurationMs: 9400,
  loadDurationMs: 1200,
  evalDurationMs: 7600,
  tokensPerSecond: 41.05,
  timeToFirstTokenMs: 1830,
  doneReason: 'stop',
};

describe('webview formatting', () => {
  it('formats durations from milliseconds to minutes', () => {
    assert.strictEqual(formatDuration(850.4), '850 ms');
    assert.strictEqual(formatDuration(1830), '1.8 s');
    assert.strictEqual(formatDuration(125_000), '2 min 5 s');
    assert.strictEqual(formatDuration(120_000), '2 min');
  });

  it('writes the line under a reply from what is known', () => {
    assert.strictEqual(formatStats('mistral', stats), 'mistral · 312 tokens · 41.0 tokens/s · 1.8 s to first token');
    assert.strictEqual(formatStats('mistral', { ...stats, evalCount: 1, tokensPerSecond: 0, timeToFirstTokenMs: undefined }), 'mistral · 1 token');
    assert.strictEqual(formatStats('mistral', undefined), 'mistral');
    assert.strictEqual(formatStats(undefined, undefined), '');
  });

  it('lists every figure in the tooltip', () => {
    assert.strictEqual(
      formatStatsDetail(stats),
      'Prompt: 48 tokens\nReply: 312 tokens in 7.6 s\nModel load: 1.2 s\nTotal: 9.4 s\nEnded by: stop',
    );
  });

  it('never throws on stats of the wrong type (stored or imported data), and leaves out what it cannot read', () => {
    const wrong = { ...stats, tokensPerSecond: '9', evalCount: '312', timeToFirstTokenMs: null, evalDurationMs: {}, doneReason: 7 } as unknown as GenerationStats;
    assert.strictEqual(formatStats('mistral', wrong), 'mistral');
    assert.strictEqual(formatStatsDetail(wrong), 'Prompt: 48 tokens\nModel load: 1.2 s\nTotal: 9.4 s');
    assert.strictEqual(formatStats('mistral', 'fast' as unknown as GenerationStats), 'mistral');
    assert.strictEqual(formatStatsDetail(null as unknown as GenerationStats), '');
    assert.strictEqual(formatStats('mistral', { ...stats, tokensPerSecond: Number.NaN, evalCount: Infinity }), 'mistral · 1.8 s to first token');
    assert.strictEqual(formatDuration(Number.NaN), '');
  });

  it('says how long ago, then the date', () => {
    const now = Date.UTC(2025, 5, 15, 12, 0, 0);
    assert.strictEqual(relativeTime(now - 20_000, now), 'just now');
    assert.strictEqual(relativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.strictEqual(relativeTime(now - 3 * 3_600_000, now), '3 h ago');
    assert.strictEqual(relativeTime(now - 30 * 3_600_000, now), 'yesterday');
    assert.strictEqual(relativeTime(now - 4 * 86_400_000, now), '4 days ago');
    assert.strictEqual(relativeTime(Date.UTC(2025, 2, 5, 12), now), 'Mar 5');
    assert.strictEqual(relativeTime(Date.UTC(2023, 2, 5, 12), now), 'Mar 5, 2023');
  });

  it('gives attachment sizes in characters', () => {
    assert.strictEqual(formatChars(812), '812 chars');
    assert.strictEqual(formatChars(12_345), '12.3k chars');
    assert.strictEqual(formatChars(2_500_000), '2.5M chars');
  });

  it('names the model in the waiting text', () => {
    assert.strictEqual(waitingText('mistral'), 'Waiting for mistral… (loading the model can take a while)');
    assert.strictEqual(waitingText(''), 'Waiting for the model… (loading the model can take a while)');
  });
});
