/**
 * Render (webview side): the real view bundle in Chromium rendering a long markdown reply
 * delivered as the host delivers it (a few tokens per delta, one delta per frame) — main-thread time per 1,000
 * tokens at the start against the end, per token overall, the longest task — and the JS heap after many replies.
 * And (see `backlog.ts`) a long reply and a long conversation that arrive at once.
 * Main-thread time is CPU time of the renderer's main-thread tasks from a trace, so other load on the machine
 * inflates it less than wall time; the longest task is wall time (what a key press would wait for).
 */
import { longReplyTokens } from '../../simulator';
import { below, ratioAtMost, type Figure, type SectionResult } from '../report';
import type { HostMessage } from '../../src/shared/protocol';
import { drawBurst, drawLongConversation, type BacklogRun } from './backlog';
import { chunk, delta, emptySnapshot, turn, type Turn } from './hostMessages';
import { openView, type ViewPage } from './page';
import { traceMainThread, type MainThreadWork } from './trace';

const AREA = 'Render';
/** Tokens per delta: what 16 ms of coalescing leaves from a fast local model (~300 tokens/s). */
const TOKENS_PER_DELTA = 5;
const SEGMENT_TOKENS = 1000;
/**
 * Segments between the sampled ones are delivered this many tokens per delta: the DOM ends up the same (finished
 * blocks are rendered the same however the text arrives) and a full run stays within its time budget.
 */
const FAST_FORWARD_TOKENS_PER_DELTA = 100;
/** Replies of the memory run, and their length. */
const LONG_REPLY_TOKENS = 2000;
/** Memory run: deltas this big (its pace does not matter, only what stays in memory). */
const MEMORY_TOKENS_PER_DELTA = 200;
/** Warm-up reply before the measured one, so the first segment does not pay for JIT compilation. */
const WARM_UP_TOKENS = 1000;
const WARM_UP_TOKENS_PER_DELTA = 25;
/** The reply that arrives at once (the burst). */
const BURST_TOKENS = 20_000;
/** Frames without deltas traced for the idle baseline. */
const IDLE_FRAMES = 100;

async function playTurn(view: ViewPage, t: Turn): Promise<void> {
  await view.send(t.start);
  await view.sendPerFrame(t.deltas.map((text) => delta(t.messageId, text)));
  await view.send(t.end);
}

interface LongReply {
  /** Main-thread work of the sampled 1,000-token segments, by segment index. */
  segments: Map<number, MainThreadWork>;
  /** Turning the streamed reply into the final one. */
  finish: MainThreadWork;
  /** {@link IDLE_FRAMES} frames without deltas. */
  idle: MainThreadWork;
}

/** Which 1,000-token segments of `count` are streamed as measured: two at each end and the quarter points. */
function sampledSegments(count: number): number[] {
  const picks = [0, 1, Math.round(count / 4), Math.round(count / 2), Math.round((3 * count) / 4), count - 2, count - 1];
  return [...new Set(picks.filter((i) => i >= 0 && i < count))].sort((a, b) => a - b);
}

/** Streams one long reply into the view, tracing the sampled 1,000-token segments. */
async function renderLongReply(view: ViewPage, tokens: number): Promise<LongReply> {
  const trace = (fn: () => Promise<void>): Promise<MainThreadWork> => traceMainThread(view.browser, view.page, fn);
  await view.load();
  await view.send([emptySnapshot()]);
  await playTurn(view, turn(0, longReplyTokens(WARM_UP_TOKENS), WARM_UP_TOKENS_PER_DELTA));
  const text = longReplyTokens(tokens);
  const reply = turn(1, text, TOKENS_PER_DELTA);
  const segment = (i: number, perDelta: number): HostMessage[] =>
    chunk(text.slice(i * SEGMENT_TOKENS, (i + 1) * SEGMENT_TOKENS), perDelta).map((content) => delta(reply.messageId, content));
  const idle = await trace(() => view.sendPerFrame(new Array<null>(IDLE_FRAMES).fill(null)));
  await view.send(reply.start);
  const count = Math.ceil(tokens / SEGMENT_TOKENS);
  const sampled = new Set(sampledSegments(count));
  const segments = new Map<number, MainThreadWork>();
  for (let i = 0; i < count; i++) {
    if (sampled.has(i)) segments.set(i, await trace(() => view.sendPerFrame(segment(i, TOKENS_PER_DELTA))));
    else await view.sendPerFrame(segment(i, FAST_FORWARD_TOKENS_PER_DELTA));
  }
  const finish = await trace(() => view.send(reply.end));
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

/** Figures of a backlog drawn by the view: its longest task on the CPU, and how long it took. */
function backlogFigures(what: string, run: BacklogRun, first: string): Figure[] {
  const { work } = run;
  return [
    {
      area: AREA, measure: `${what}: the page's longest main-thread task (CPU)`, value: work.mostCpuMs, unit: 'ms', goal: below(20, 'ms'),
      note: `longest task by wall time ${work.longestMs.toFixed(0)} ms (${work.longestCpuMs.toFixed(0)} ms CPU); all tasks ${work.cpuMs.toFixed(0)} ms CPU`,
    },
    {
      area: AREA, measure: `${what}: → ${first} drawn (wall)`, value: run.firstMs, unit: 'ms',
      note: `all of it drawn after ${run.drawnMs.toFixed(0)} ms; ${run.elements.toLocaleString('en-US')} elements in the page`,
    },
  ];
}

const meanCpu = (works: MainThreadWork[]): number => works.reduce((total, w) => total + w.cpuMs, 0) / works.length;
const meanWall = (works: MainThreadWork[]): number => works.reduce((total, w) => total + w.wallMs, 0) / works.length;

export async function benchRender(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const tokens = quick ? 3_000 : 20_000;
  const replies = quick ? 5 : 50;
  const view = await openView(repoRoot);
  try {
    const render = await renderLongReply(view, tokens);
    const memory = await memoryOverReplies(view, replies);
    const burst = await drawBurst(view, BURST_TOKENS);
    const conversation = await drawLongConversation(view, quick ? 40 : 200, LONG_REPLY_TOKENS);
    const sampled = [...render.segments.values()];
    const ends = sampled.length >= 4 ? 2 : 1;
    const [start, end] = [sampled.slice(0, ends), sampled.slice(-ends)];
    const perToken = meanCpu(sampled) / SEGMENT_TOKENS + render.finish.cpuMs / tokens;
    const longest = [render.finish, ...sampled].reduce((a, b) => (b.longestMs > a.longestMs ? b : a));
    const warmBaseline = { label: 'another conversation shown after one reply', value: memory.warm.heap };
    const segmentList = [...render.segments].map(([i, w]) => `#${i + 1} ${w.cpuMs.toFixed(0)}`).join(', ');
    const figures: Figure[] = [
      {
        area: AREA,
        measure: `main-thread CPU time per 1,000 tokens at the end of a ${tokens.toLocaleString('en-US')}-token markdown reply (${TOKENS_PER_DELTA} tokens per delta, one delta per frame)`,
        value: meanCpu(end), unit: 'ms', baseline: { label: 'at the start', value: meanCpu(start) }, goal: ratioAtMost(1.5),
        note: `mean of the first and of the last ${ends} 1,000-token segment(s); CPU ms of the sampled segments: ${segmentList}`,
      },
      {
        area: AREA, measure: 'main-thread CPU time per token over the whole reply (streaming + final message)', value: perToken, unit: 'ms',
        baseline: { label: 'same frames without deltas', value: render.idle.cpuMs / (IDLE_FRAMES * TOKENS_PER_DELTA) }, goal: below(0.1, 'ms'),
        note: `estimated from the ${sampled.length} sampled segments (the others arrive ${FAST_FORWARD_TOKENS_PER_DELTA} tokens per delta to save time); wall time ${(meanWall(sampled) / SEGMENT_TOKENS).toFixed(3)} ms per token; the final message took ${render.finish.cpuMs.toFixed(0)} ms CPU`,
      },
      {
        area: AREA, measure: 'longest main-thread task (wall) in the sampled segments and the final message', value: longest.longestMs, unit: 'ms', goal: below(50, 'ms'),
        note: `${longest.longestCpuMs.toFixed(0)} ms of it on the CPU${longest === render.finish ? ', in the final message' : ''}`,
      },
      {
        area: 'Memory', measure: `webview JS heap after ${replies} replies of ${LONG_REPLY_TOKENS.toLocaleString('en-US')} tokens`, value: memory.full.heap, unit: 'bytes',
        baseline: warmBaseline, note: `${memory.full.nodes.toLocaleString('en-US')} DOM nodes (${memory.warm.nodes.toLocaleString('en-US')} before the replies)`,
      },
      {
        area: 'Memory', measure: 'webview JS heap after leaving that conversation for an empty one', value: memory.afterSwitch.heap, unit: 'bytes',
        baseline: warmBaseline,
        note: `a leak would keep this above the baseline; DOM nodes ${memory.afterSwitch.nodes.toLocaleString('en-US')}, listeners ${memory.afterSwitch.listeners} (baseline ${memory.warm.nodes.toLocaleString('en-US')} / ${memory.warm.listeners})`,
      },
      ...backlogFigures(`a ${BURST_TOKENS.toLocaleString('en-US')}-token reply that arrives in one delta with its end`, burst, 'its end'),
      ...backlogFigures(`a conversation of ${quick ? 40 : 200} messages × ${LONG_REPLY_TOKENS.toLocaleString('en-US')} tokens in one snapshot`, conversation, 'the newest reply'),
    ];
    return { figures, facts: { chromium: view.browser.version() } };
  } finally {
    await view.close();
  }
}
