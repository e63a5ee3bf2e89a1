/**
 * Issue 7, goals 2 and 6 (webview side): the real view bundle in Chromium rendering a long markdown reply
 * delivered as the host delivers it (a few tokens per delta, one delta per frame) — main-thread time per 1,000
 * tokens at the start against the end, per token overall, the longest task — and the JS heap after many replies.
 */
import { longReplyTokens } from '../../test/fixtures/replies';
import { below, ratioAtMost, type Figure, type SectionResult } from '../report';
import { delta, emptySnapshot, turn, type Turn } from './hostMessages';
import { openView, type ViewPage } from './page';
import { longestMainThreadTaskMs } from './trace';

const AREA = 'Render';
/** Tokens per delta: what 16 ms of coalescing leaves from a fast local model (~300 tokens/s). */
const TOKENS_PER_DELTA = 5;
const SEGMENT_TOKENS = 1000;
/** Replies of the memory run, and their length. */
const LONG_REPLY_TOKENS = 2000;
/** Memory run: deltas this big (its pace does not matter, only what stays in memory). */
const MEMORY_TOKENS_PER_DELTA = 200;
const WARM_UP_TOKENS = 2000;

async function playTurn(view: ViewPage, t: Turn): Promise<void> {
  await view.send(t.start);
  await view.sendPerFrame(t.deltas.map((text) => delta(t.messageId, text)));
  await view.send(t.end);
}

/** Main-thread time of each 1,000-token segment of one long reply, plus the whole reply and its longest task. */
async function renderLongReply(view: ViewPage, tokens: number): Promise<{ segmentsMs: number[]; totalMs: number; longestTaskMs: number; longTasks: number }> {
  await view.load();
  await view.send([emptySnapshot()]);
  // Warm-up, so the first measured segment does not pay for JIT compilation.
  await playTurn(view, turn(0, longReplyTokens(WARM_UP_TOKENS), TOKENS_PER_DELTA));
  const measured = turn(1, longReplyTokens(tokens), TOKENS_PER_DELTA);
  const longTasksBefore = (await view.longTasks()).length;
  await view.browser.startTracing(view.page, { categories: ['toplevel', '__metadata'] });
  const start = await view.taskTimeMs();
  await view.send(measured.start);
  const segmentsMs: number[] = [];
  const perSegment = SEGMENT_TOKENS / TOKENS_PER_DELTA;
  for (let i = 0; i < measured.deltas.length; i += perSegment) {
    const before = await view.taskTimeMs();
    await view.sendPerFrame(measured.deltas.slice(i, i + perSegment).map((text) => delta(measured.messageId, text)));
    segmentsMs.push((await view.taskTimeMs()) - before);
  }
  await view.send(measured.end);
  const totalMs = (await view.taskTimeMs()) - start;
  const trace = await view.browser.stopTracing();
  return { segmentsMs, totalMs, longestTaskMs: longestMainThreadTaskMs(trace), longTasks: (await view.longTasks()).length - longTasksBefore };
}

/** Heap of the empty view, after `replies` long replies, and after switching to an empty conversation. */
async function heapOverReplies(view: ViewPage, replies: number): Promise<{ empty: number; full: number; afterSwitch: number }> {
  await view.load();
  await view.send([emptySnapshot()]);
  const empty = await view.heapAfterGc();
  const tokens = longReplyTokens(LONG_REPLY_TOKENS);
  for (let i = 0; i < replies; i++) await playTurn(view, turn(i, tokens, MEMORY_TOKENS_PER_DELTA));
  const full = await view.heapAfterGc();
  await view.send([emptySnapshot('another-conversation')]);
  return { empty, full, afterSwitch: await view.heapAfterGc() };
}

export async function benchRender(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const tokens = quick ? 5_000 : 20_000;
  const replies = quick ? 10 : 50;
  const view = await openView(repoRoot);
  try {
    const render = await renderLongReply(view, tokens);
    const heap = await heapOverReplies(view, replies);
    const [first, last] = [render.segmentsMs[0], render.segmentsMs[render.segmentsMs.length - 1]];
    const reply = `${tokens.toLocaleString('en-US')}-token markdown reply, ${TOKENS_PER_DELTA} tokens per delta`;
    const figures: Figure[] = [
      {
        area: AREA, measure: `main-thread time per 1,000 tokens at the end of a ${reply}`, value: last, unit: 'ms',
        baseline: { label: 'first 1,000 tokens', value: first }, goal: ratioAtMost(1.5),
        note: `per segment: ${render.segmentsMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      },
      { area: AREA, measure: 'main-thread time per token over the whole reply', value: render.totalMs / tokens, unit: 'ms', goal: below(0.1, 'ms') },
      {
        area: AREA, measure: 'longest main-thread task while streaming and finishing it', value: render.longestTaskMs, unit: 'ms', goal: below(50, 'ms'),
        note: `${render.longTasks} long task(s) ≥ 50 ms observed by the page`,
      },
      {
        area: 'Memory', measure: `webview JS heap after ${replies} replies of ${LONG_REPLY_TOKENS.toLocaleString('en-US')} tokens`, value: heap.full, unit: 'bytes',
        baseline: { label: 'empty view', value: heap.empty },
      },
      {
        area: 'Memory', measure: 'webview JS heap after switching to an empty conversation', value: heap.afterSwitch, unit: 'bytes',
        baseline: { label: 'empty view', value: heap.empty },
        note: 'what the replies leave behind once they are no longer shown (a leak would keep it high)',
      },
    ];
    return { figures, facts: { chromium: view.browser.version() } };
  } finally {
    await view.close();
  }
}
