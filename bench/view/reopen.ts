/**
 * Reopening a hidden view while a reply streams: the user sends a prompt, switches to the Explorer
 * (VS Code destroys the hidden webview), and comes back when half of a 20,000-token reply has arrived: the view is
 * rebuilt from the host's snapshot with all that text at once, then follows the rest of the stream. The reply
 * comes at about 1,000 tokens/s (a fast GPU), so that it is still streaming when the view is shown again.
 * Ollama Chat against the plain-text floor (which also keeps the reply and sends it whole to a new webview).
 */
import { longReplyTokens } from '../../simulator';
import type { SectionResult } from '../report';
import { replyFigures } from './figures';
import { epochNow, whenQuiet } from './recorder';
import { alternatingRuns, measureReply, nextReply, type ReplyRun } from './replyRun';
import type { ChatView } from './views';
import { withViewBenchWindow, type ViewBenchWindow } from './window';

const AREA = 'Reopen';
const TOKENS = 20_000;
/** Shown again once the server has sent this many tokens. */
const SHOW_AFTER_TOKENS = TOKENS / 2;
/** Between tokens (Node's timers make it about 1 ms and a bit). */
const TOKEN_DELAY_MS = 1;
/** Longest wait for the server to get halfway. */
const WAIT_TIMEOUT_MS = 120_000;
/** The activity-bar item the user switches to. */
const OTHER_CONTAINER = 'Explorer';

async function reopenOnce(w: ViewBenchWindow, view: ChatView, tokens: string[], length: number): Promise<ReplyRun> {
  await w.openContainer(view.container);
  const before = await w.webview(view.extensionId, view.drawn);
  await view.clear(before);
  await whenQuiet(before);
  w.ollama.enqueueReply({ tokens, tokenDelayMs: TOKEN_DELAY_MS });
  const input = before.locator(view.input);
  await input.fill('Explain streaming at length.');
  const reply = nextReply(w.ollama);
  await input.press('Enter');
  await w.openContainer(OTHER_CONTAINER);
  await w.webviewGone(view.extensionId);
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  while (reply.tokensSent() < SHOW_AFTER_TOKENS) {
    if (Date.now() > deadline) throw new Error(`the server sent ${reply.tokensSent()} tokens in ${WAIT_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const start = epochNow();
  await w.openContainer(view.container);
  const frame = await w.webview(view.extensionId, view.drawn);
  if (reply.tokensSent() >= tokens.length) throw new Error(`the reply ended before ${view.label} was shown again: the machine is too slow for this pace`);
  return measureReply(frame, start, view.wholeReply(length), reply.end, view.firstText);
}

export async function benchReopen(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const runs = quick ? 1 : 5;
  const tokens = longReplyTokens(TOKENS);
  const length = tokens.join('').length;
  const measured = await withViewBenchWindow(repoRoot, (w) => alternatingRuns(runs, (view) => reopenOnce(w, view, tokens, length)));
  const what = `view shown again after ${SHOW_AFTER_TOKENS.toLocaleString('en-US')} of ${TOKENS.toLocaleString('en-US')} tokens (~1,000 tokens/s)`;
  return { figures: replyFigures(AREA, what, measured, 'show') };
}
