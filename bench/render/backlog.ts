/**
 * The view alone, with what arrives at once — a long reply in one delta (a fast GPU, a view shown again),
 * a long conversation in one snapshot (opened from the history) — is drawn without holding the main thread for
 * much more than a frame. Traced from the messages to the moment all is drawn; the page's own CPU time per task
 * is the figure, which other load on the machine inflates little.
 */
import type { HostMessage } from '../../src/shared/protocol';
import type { ChatMessage } from '../../src/shared/types';
import { longReplyTokens } from '../../simulator';
import { delta, emptySnapshot, turn } from './hostMessages';
import type { ViewPage } from './page';
import { traceMainThread, type MainThreadWork } from './trace';

/** One backlog drawn: the main-thread work meanwhile, how long it took (wall) and what the page holds after. */
export interface BacklogRun {
  work: MainThreadWork;
  /** The messages → what the user looks at first is drawn (wall). */
  firstMs: number;
  /** The messages → all of it drawn (wall). */
  drawnMs: number;
  /** Elements in the document once drawn. */
  elements: number;
}

/** The page's global that holds the messages to dispatch. */
interface StagedWindow {
  staged: HostMessage[];
}

/** What the page must show: an element matching `selector`, holding `text` if given. */
interface Sight {
  selector: string;
  text?: string;
}

/**
 * Runs in the page: dispatches the messages and resolves with when (ms after) it first showed `first`, then `all`,
 * once the page has gone idle (deferred work such as highlighting done: an idle period of the longest kind).
 */
function dispatchAndWatch({ first, all }: { first: Sight; all: Sight }): Promise<{ firstMs: number; drawnMs: number }> {
  const shows = (sight: Sight): boolean => [...document.querySelectorAll(sight.selector)].some((el) => !sight.text || el.textContent?.includes(sight.text));
  const messages = (window as unknown as StagedWindow).staged;
  const start = performance.now();
  for (const data of messages) window.dispatchEvent(new MessageEvent('message', { data }));
  return new Promise((resolve) => {
    let firstMs: number | undefined;
    const idle = (drawnMs: number) => (deadline: IdleDeadline): void => {
      if (deadline.timeRemaining() >= 40) resolve({ firstMs: firstMs!, drawnMs });
      else requestIdleCallback(idle(drawnMs));
    };
    const check = (): void => {
      const now = performance.now() - start;
      if (firstMs === undefined && shows(first)) firstMs = now;
      if (firstMs !== undefined && shows(all)) requestIdleCallback(idle(now));
      else requestAnimationFrame(check);
    };
    check();
  });
}

async function drawBacklog(view: ViewPage, messages: HostMessage[], first: Sight, all: Sight): Promise<BacklogRun> {
  let times = { firstMs: NaN, drawnMs: NaN };
  // The messages go into the page before the trace: handing over a megabyte as an argument of `evaluate` costs the
  // page a long task of its own (deserialising it) that the view never pays (VS Code's postMessage is cheaper).
  await view.page.evaluate((staged) => { (window as unknown as StagedWindow).staged = staged; }, messages);
  const work = await traceMainThread(view.browser, view.page, async () => {
    times = await view.page.evaluate(dispatchAndWatch, { first, all });
  });
  return { work, ...times, elements: await view.page.evaluate(() => document.getElementsByTagName('*').length) };
}

/** A reply of `tokens` tokens that arrives whole with its end, as when the host posts faster than the view draws. */
export async function drawBurst(view: ViewPage, tokens: number): Promise<BacklogRun> {
  const text = longReplyTokens(tokens);
  const reply = turn(0, text, text.length);
  await view.load();
  await view.send([emptySnapshot(), ...reply.start]);
  const shown = `[data-message-id="${reply.messageId}"]`;
  const lastParagraph = [...text.join('').matchAll(/Paragraph \d+ explains/g)].at(-1)?.[0];
  return drawBacklog(view, [delta(reply.messageId, text.join('')), ...reply.end],
    { selector: `${shown} .markdown-body`, text: lastParagraph },
    { selector: `${shown}[data-status="complete"][aria-busy="false"]` });
}

/** A conversation of `count` messages of `tokens` tokens each, shown by one snapshot (another one was shown). */
export async function drawLongConversation(view: ViewPage, count: number, tokens: number): Promise<BacklogRun> {
  const text = longReplyTokens(tokens).join('');
  const snapshot = emptySnapshot('long');
  if (snapshot.type !== 'snapshot' || !snapshot.state.conversation) throw new Error('emptySnapshot changed shape');
  snapshot.state.conversation.messages = Array.from({ length: count }, (_, i): ChatMessage => (
    { id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `Message ${i + 1}\n\n${text}`, timestamp: i, model: 'mistral', status: 'complete' }));
  await view.load();
  await view.send([emptySnapshot()]);
  const newest = `[data-message-id="m${count - 1}"]`;
  // The newest reply drawn, and every message in the page with nothing left to draw.
  return drawBacklog(view, [snapshot],
    { selector: `${newest}[aria-busy="false"] .markdown-chunk` },
    { selector: `.message-log:has(> .message:nth-child(${count})):not(:has([aria-busy="true"]))` });
}
