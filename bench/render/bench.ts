/**
 * Issue 7, goals 2 and 6 (webview side): the real view bundle in Chromium rendering a long markdown reply
 * delivered as the host delivers it (a few tokens per delta, one delta per frame) — main-thread time per 1,000
 * tokens at the start against the end, per token overall, the longest task — and the JS heap after many replies.
 * Main-thread time is CPU time of the renderer's main-thread tasks from a trace, so other load on the machine
 * inflates it less than wall time; the longest task is wall time (what a key press would wait for).
 */
import { longReplyTokens } from '../../test/fixtures/replies';
import { below, ratioAtMost, type Figure, type SectionResult } from '../report';
import { delta, emptySnapshot, turn, type Turn } from './hostMessages';
import { openView, type ViewPage } from './page';
import { traceMainThread, type MainThreadWork } from './trace';

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

interface LongReply {
  /** Main-thread work of each 1,000-token segment. */
  segments: MainThreadWork[];
  /** Turning the streamed reply into the final one. */
  finish: MainThreadWork;
  /** As many frames as the reply took, without deltas. */
  idle: MainThreadWork;
}

/** Streams one long reply into the view, tracing each 1,000-token segment. */
async function renderLongReply(view: ViewPage, tokens: number): Promise<LongReply> {
  const trace = (fn: () => Promise<void>): Promise<MainThreadWork> => traceMainThread(view.browser, view.page, fn);
  await view.load();
  await view.send([emptySnapshot()]);
  // Warm-up, so the first measured segment does not pay for JIT compilation.
  await playTurn(view, turn(0, longReplyTokens(WARM_UP_TOKENS), TOKENS_PER_DELTA));
  const measured = turn(1, longReplyTokens(tokens), TOKENS_PER_DELTA);
  const idle = await trace(() => view.sendPerFrame(measured.deltas.map(() => null)));
  await view.send(measured.start);
  const segments: MainThreadWork[] = [];
  const perSegment = SEGMENT_TOKENS / TOKENS_PER_DELTA;
  for (let i = 0; i < measured.deltas.length; i += perSegment) {
    const frames = measured.deltas.slice(i, i + perSegment).map((text) => delta(measured.messageId, text));
    segments.push(await trace(() => view.sendPerFrame(frames)));
  }
  const finish = await trace(() => view.send(measured.end));
  return { segments, finish, idle };
}

type Memory = Awaited<ReturnType<ViewPage['memoryAfterGc']>>;

/**
 * Memory of the view after one reply shown and left (caches warm: compiled code, highlighting grammars), after
 * `replies` more replies, and after leaving those too: what stays then is a leak.
 */
async function memoryOverReplies(view: ViewPage, replies: number): Promise<{ warm: Memory; full: Memory; afterSwitch: Memory }> {
  const tokens = longReplyTokens(LONG_REPLY_TOKENS);
  const elsewhere = emptySnapshot('another-conversation');
  await view.load();
  await view.send([emptySnapshot()]);
  await playTurn(view, turn(0, tokens, MEMORY_TOKENS_PER_DELTA));
  await view.send([elsewhere]);
  const warm = await view.memoryAfterGc();
  await view.send([emptySnapshot()]);
  for (let i = 1; i <= replies; i++) await playTurn(view, turn(i, tokens, MEMORY_TOKENS_PER_DELTA));
  const full = await view.memoryAfterGc();
  await view.send([elsewhere]);
  return { warm, full, afterSwitch: await view.memoryAfterGc() };
}

const sum = (works: MainThreadWork[], key: keyof MainThreadWork): number => works.reduce((total, w) => total + w[key], 0);
/** Mean CPU time of some segments (a tenth of them at each end, at least one, smooths out single hiccups). */
const meanCpu = (works: MainThreadWork[]): number => sum(works, 'cpuMs') / works.length;

export async function benchRender(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const tokens = quick ? 5_000 : 20_000;
  const replies = quick ? 10 : 50;
  const view = await openView(repoRoot);
  try {
    const { segments, finish, idle } = await renderLongReply(view, tokens);
    const memory = await memoryOverReplies(view, replies);
    const warmBaseline = { label: 'another conversation shown after one reply', value: memory.warm.heap };
    const ends = Math.max(1, Math.round(segments.length / 10));
    const longest = Math.max(finish.longestMs, ...segments.map((s) => s.longestMs));
    const reply = `${tokens.toLocaleString('en-US')}-token markdown reply, ${TOKENS_PER_DELTA} tokens per delta, one delta per frame`;
    const figures: Figure[] = [
      {
        area: AREA, measure: `main-thread CPU time per 1,000 tokens, last ${ends === 1 ? '1,000' : `${ends} × 1,000`} tokens of a ${reply}`,
        value: meanCpu(segments.slice(-ends)), unit: 'ms', baseline: { label: `first ${ends === 1 ? '1,000' : `${ends} × 1,000`} tokens`, value: meanCpu(segments.slice(0, ends)) },
        goal: ratioAtMost(1.5), note: `CPU ms per 1,000-token segment: ${segments.map((s) => s.cpuMs.toFixed(0)).join(', ')}`,
      },
      {
        area: AREA, measure: 'main-thread CPU time per token over the whole reply (streaming + final message)',
        value: (sum(segments, 'cpuMs') + finish.cpuMs) / tokens, unit: 'ms',
        baseline: { label: 'same number of frames without deltas', value: idle.cpuMs / tokens }, goal: below(0.1, 'ms'),
        note: `wall time of those tasks ${((sum(segments, 'wallMs') + finish.wallMs) / tokens).toFixed(3)} ms per token; the final message took ${finish.cpuMs.toFixed(0)} ms CPU`,
      },
      { area: AREA, measure: 'longest main-thread task (wall) while streaming and finishing it', value: longest, unit: 'ms', goal: below(50, 'ms') },
      {
        area: 'Memory', measure: `webview JS heap after ${replies} replies of ${LONG_REPLY_TOKENS.toLocaleString('en-US')} tokens`, value: memory.full.heap, unit: 'bytes',
        baseline: warmBaseline, note: `${memory.full.nodes.toLocaleString('en-US')} DOM nodes (${memory.warm.nodes.toLocaleString('en-US')} before the replies)`,
      },
      {
        area: 'Memory', measure: 'webview JS heap after leaving that conversation for an empty one', value: memory.afterSwitch.heap, unit: 'bytes',
        baseline: warmBaseline,
        note: `a leak would keep this above the baseline; DOM nodes ${memory.afterSwitch.nodes.toLocaleString('en-US')}, listeners ${memory.afterSwitch.listeners} (baseline ${memory.warm.nodes.toLocaleString('en-US')} / ${memory.warm.listeners})`,
      },
    ];
    return { figures, facts: { chromium: view.browser.version() } };
  } finally {
    await view.close();
  }
}
