/**
 * Burst: the 20,000-token markdown reply streamed as fast as the Ollama simulator can, sent from the chat
 * view's prompt box as a user does, in Ollama Chat and in the plain-text floor (alternating, in one window).
 */
import { longReplyTokens } from '../../simulator';
import type { SectionResult } from '../report';
import { replyFigures } from './figures';
import { whenQuiet, epochNow } from './recorder';
import { alternatingRuns, measureReply, nextReply, type ReplyRun } from './replyRun';
import type { ChatView } from './views';
import { withViewBenchWindow, type ViewBenchWindow } from './window';

const AREA = 'Burst';
const TOKENS = 20_000;
/** The simulator's magic prompt for {@link TOKENS} tokens of mixed markdown, with no delay between them. */
const PROMPT = `[[long:${TOKENS}]]`;

async function burstOnce(w: ViewBenchWindow, view: ChatView, length: number): Promise<ReplyRun> {
  await w.openContainer(view.container);
  const frame = await w.webview(view.extensionId, view.drawn);
  await view.clear(frame);
  await whenQuiet(frame);
  const input = frame.locator(view.input);
  await input.fill(PROMPT);
  const reply = nextReply(w.ollama);
  const start = epochNow();
  await input.press('Enter');
  return measureReply(frame, start, view.wholeReply(length), reply.end);
}

export async function benchBurst(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const runs = quick ? 1 : 5;
  const length = longReplyTokens(TOKENS).join('').length;
  const measured = await withViewBenchWindow(repoRoot, (w) => alternatingRuns(runs, (view) => burstOnce(w, view, length)));
  const what = `${TOKENS.toLocaleString('en-US')}-token markdown reply (${length.toLocaleString('en-US')} characters) at full speed`;
  return { figures: replyFigures(AREA, what, measured, 'send') };
}
