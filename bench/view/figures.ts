/** The figures of a measured reply scenario, Ollama Chat against the plain-text floor of the same run. */
import { median } from '../measure';
import { atMost, none, ratioAtMost, type Figure } from '../report';
import { GAP_LIMIT_MS } from './frameStats';
import type { AlternatingRuns, ReplyRun } from './replyRun';
import { OLLAMA_CHAT, PLAIN_TEXT_FLOOR } from './views';

const list = (values: number[]): string => values.map((v) => v.toFixed(0)).join(', ');

/**
 * Stream end → whole reply on screen, longest frame gap, gaps over 50 ms and long-task time, each as the median
 * of the runs with the floor's median as baseline; and the window's first reply on its own (no goal: it pays for
 * starting what the views share). `from` names the user's action the frame figures start at.
 */
export function replyFigures(area: string, what: string, { samples, firstReplies }: AlternatingRuns, from: string): Figure[] {
  const ours = samples.get(OLLAMA_CHAT) ?? [];
  const floor = samples.get(PLAIN_TEXT_FLOOR) ?? [];
  const label = PLAIN_TEXT_FLOOR.label;
  const figure = (measure: string, pick: (r: ReplyRun) => number, unit: string, goal: Figure['goal'], note = ''): Figure => ({
    area,
    measure,
    value: median(ours.map(pick)),
    unit,
    baseline: { label, value: median(floor.map(pick)) },
    goal,
    note: `${note}runs: ${list(ours.map(pick))} (floor ${list(floor.map(pick))})`,
  });
  const selfShare = median(ours.map((r) => r.stats.selfLongTaskMs));
  const firstText = ours.every((r) => r.afterFirstText !== undefined)
    ? [
      figure(`${from} → first text of the reply on screen`, (r) => r.firstTextMs ?? NaN, 'ms', undefined),
      figure('longest gap between webview frames, first text → whole reply on screen (the webview exists by then)',
        (r) => r.afterFirstText?.longestGapMs ?? NaN, 'ms', atMost(GAP_LIMIT_MS, 'ms')),
    ]
    : [];
  return [
    ...firstText,
    figure(`${what}: server's last byte → whole reply on screen, median of ${ours.length}`, (r) => r.streamEndToScreenMs, 'ms', ratioAtMost(2)),
    figure(`longest gap between webview frames, ${from} → whole reply on screen`, (r) => r.stats.longestGapMs, 'ms', atMost(GAP_LIMIT_MS, 'ms')),
    figure(`frames more than ${GAP_LIMIT_MS} ms apart`, (r) => r.stats.gapsOverLimit, '', none),
    figure('main-thread long tasks, total', (r) => r.stats.longTaskMs, 'ms', atMost(100, 'ms'),
      `${selfShare.toFixed(0)} ms of it in the webview's own script (the rest is the workbench on the same thread); `),
    {
      area,
      measure: "the window's first reply, not among the runs above: server's last byte → whole reply on screen",
      value: firstReplies.get(OLLAMA_CHAT)?.streamEndToScreenMs ?? null,
      unit: 'ms',
      note: `the ${label}'s first reply, after it: ${firstReplies.get(PLAIN_TEXT_FLOOR)?.streamEndToScreenMs.toFixed(0) ?? 'none'} ms`,
    },
  ];
}
