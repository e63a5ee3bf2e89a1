/**
 * One reply streamed into a chat view and measured as the user sees it: from the moment the Ollama server sent its
 * last byte to the first frame showing the whole reply, and the frames of the webview meanwhile.
 */
import type { Frame } from 'playwright-core';
import type { OllamaTestServer } from '../../test/fixtures/ollamaServer';
import { frameStats, type FrameStats } from './frameStats';
import { epochNow, readRecord, whenShown, type Sight } from './recorder';

export interface ReplyRun {
  /** The server's last byte → the first frame with the whole reply. */
  streamEndToScreenMs: number;
  /** The webview's frames from the user's action (send, show) to the whole reply on screen. */
  stats: FrameStats;
  /** The user's action → the first frame with some of the reply. */
  firstTextMs?: number;
}

/** The next `/api/chat` request the server receives, and the time (epoch ms) it sent its last byte. */
export function nextReply(ollama: OllamaTestServer): { sent: Promise<{ tokensSent(): number }>; end: Promise<number> } {
  const last = ollama.requests.at(-1)?.id ?? 0;
  const request = ollama.waitForRequest((r) => r.path === '/api/chat' && r.id > last, 120_000);
  // Chained at once: the request is recorded before its first token, long before its end.
  const end = request.then((r) => r.done).then((outcome) => {
    if (outcome !== 'completed') throw new Error(`the reply ended ${outcome}`);
    return epochNow();
  });
  return { sent: request.then((r) => ({ tokensSent: () => r.tokensSent })), end };
}

/** Waits for the whole reply in `frame` and measures the stretch from `start` (epoch ms). */
export async function measureReply(frame: Frame, start: number, whole: Sight, streamEnd: Promise<number>, first?: Sight): Promise<ReplyRun> {
  const firstShown = first ? whenShown(frame, first) : undefined;
  const shown = await whenShown(frame, whole);
  const end = await streamEnd;
  const record = await readRecord(frame);
  const firstText = firstShown ? (await firstShown) - start : undefined;
  return { streamEndToScreenMs: shown - end, stats: frameStats(record, start, shown), firstTextMs: firstText };
}
