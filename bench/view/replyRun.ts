/**
 * One reply streamed into a chat view and measured as the user sees it: from the moment the Ollama server sent its
 * last byte to the first frame showing the whole reply, and the frames of the webview meanwhile.
 */
import type { Frame } from 'playwright-core';
import type { OllamaSimulator, RecordedRequest } from '../../simulator';
import { frameStats, type FrameStats } from './frameStats';
import { epochNow, readRecord, whenShown, type Sight } from './recorder';
import { VIEWS, type ChatView } from './views';

/** How far the webview's clock and the benchmark's may disagree (both read the system clock at their start). */
const CLOCK_SLACK_MS = 20;

export interface ReplyRun {
  /** The server's last byte → the first frame with the whole reply. */
  streamEndToScreenMs: number;
  /** The webview's frames from the user's action (send, show) to the whole reply on screen. */
  stats: FrameStats;
  /** The user's action → the first frame with some of the reply. */
  firstTextMs?: number;
  /**
   * The webview's frames from that first text to the whole reply on screen: without the webview's start (a view
   * shown again: VS Code creating it, its script loading), the part a view's drawing decides alone.
   */
  afterFirstText?: FrameStats;
}

/** The reply to the next `/api/chat` request the server receives. */
export interface PendingReply {
  /** When the server sent its last byte (epoch ms); rejects if the reply did not complete. */
  end: Promise<number>;
  /** Tokens the server has sent so far. */
  tokensSent(): number;
}

/** Watches for the next `/api/chat` request (call it before the user sends). */
export function nextReply(ollama: OllamaSimulator): PendingReply {
  const last = ollama.requests.at(-1)?.id ?? 0;
  let request: RecordedRequest | undefined;
  // Chained at once: the request is recorded before its first token, long before its end.
  const end = ollama.waitForRequest((r) => r.path === '/api/chat' && r.id > last, 120_000)
    .then((r) => (request = r).done)
    .then((outcome) => {
      if (outcome !== 'completed') throw new Error(`the reply ended ${outcome}`);
      return epochNow();
    });
  // A run that fails before it waits for the end must not leave an unhandled rejection behind.
  end.catch(() => undefined);
  return { end, tokensSent: () => request?.tokensSent ?? 0 };
}

/** Waits for the whole reply in `frame` (and for `first`, some of it) and measures the stretch from `start`. */
export async function measureReply(frame: Frame, start: number, whole: Sight, streamEnd: Promise<number>, first?: Sight): Promise<ReplyRun> {
  const [firstShown, shown] = await Promise.all([first ? whenShown(frame, first) : undefined, whenShown(frame, whole)]);
  const end = await streamEnd;
  // The two clocks agree to a few ms; a whole reply on screen well before the server finished is an old one.
  if (shown < end - CLOCK_SLACK_MS) throw new Error(`the whole reply was on screen ${(end - shown).toFixed(0)} ms before the server sent it: the view showed an earlier reply`);
  const record = await readRecord(frame);
  return {
    streamEndToScreenMs: shown - end,
    stats: frameStats(record, start, shown),
    firstTextMs: firstShown === undefined ? undefined : firstShown - start,
    afterFirstText: firstShown === undefined ? undefined : frameStats(record, firstShown, shown),
  };
}

/** The measured replies of each view, and each view's first reply, which is not among them. */
export interface AlternatingRuns {
  samples: Map<ChatView, ReplyRun[]>;
  /** Each view's first reply in the window: Ollama Chat's is the window's first, the plain-text floor's comes after it. */
  firstReplies: Map<ChatView, ReplyRun>;
}

/**
 * `runs` replies in each view, which goes first alternating, after one reply in each that is not measured: the
 * window's first reply pays for compiling and starting what the views share (the extension host's HTTP client, VS
 * Code's way for messages between the extension host and a webview, the Ollama simulator), which fell on whichever
 * view went first, Ollama Chat: in ten of eleven runs of the Burst bench its first reply was slower than the median
 * of the four after it (a median 112 ms from the server's last byte to the whole reply on screen, against 73).
 */
export async function alternatingRuns(runs: number, once: (view: ChatView) => Promise<ReplyRun>): Promise<AlternatingRuns> {
  const firstReplies = new Map<ChatView, ReplyRun>();
  for (const view of VIEWS) firstReplies.set(view, await once(view));
  const samples = new Map<ChatView, ReplyRun[]>(VIEWS.map((v) => [v, []]));
  for (let i = 0; i < runs; i++) {
    for (const view of i % 2 ? [...VIEWS].reverse() : VIEWS) samples.get(view)!.push(await once(view));
  }
  return { samples, firstReplies };
}
