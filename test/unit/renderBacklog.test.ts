/**
 * However much arrives at once, the chat view draws it a slice at a time and stays usable: the real view bundle in
 * headless Chromium gets a long conversation in one snapshot, a long reply in one delta and a long code block, and
 * what is checked is what the user sees and can do meanwhile (no timing is asserted: the machine is shared).
 * - A long conversation opens with its newest messages drawn; older replies are drawn when scrolled to, and go back
 *   to plain text far off screen (the page does not keep every reply's elements), their text still complete.
 * - A long reply that arrives in one delta has all its text on the page at once and is formatted newest first (where
 *   the user looks), the rest after; Stop and typing work meanwhile.
 * - A long code block is highlighted a piece at a time, its text exactly the code throughout.
 */
import * as assert from 'node:assert/strict';
import { chunk, delta, emptySnapshot, turn } from '../../bench/render/hostMessages';
import type { HostMessage, WebviewMessage } from '../../src/shared/protocol';
import type { ChatMessage } from '../../src/shared/types';
import { longReplyTokens } from '../../simulator';
import { openTestView, type TestView } from './viewPage';

const MESSAGES = 200;
const MODEL = 'mistral';

/** A snapshot of the conversation `id` with these messages. */
function snapshotOf(id: string, messages: ChatMessage[]): HostMessage {
  const snapshot = emptySnapshot(id);
  if (snapshot.type !== 'snapshot' || !snapshot.state.conversation) throw new Error('emptySnapshot changed shape');
  snapshot.state.conversation.messages = messages;
  return snapshot;
}

/** `count` messages, user and assistant taking turns, each `text` under its own first line. */
function longConversation(count: number, text: string): ChatMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `Message ${i + 1}\n\n${text}`,
    timestamp: 1_700_000_000_000 + i,
    model: MODEL,
    status: 'complete',
  }));
}

/** Runs in the page: what each reply shows — formatted (and done), being formatted, or its text unformatted. */
function replyStates(): Record<string, 'drawn' | 'drawing' | 'text'> {
  const states: Record<string, 'drawn' | 'drawing' | 'text'> = {};
  for (const el of document.querySelectorAll<HTMLElement>('.message-log > .message-assistant')) {
    states[el.dataset.messageId!] = el.querySelector('.markdown-pending') ? 'text' : el.getAttribute('aria-busy') === 'true' ? 'drawing' : 'drawn';
  }
  return states;
}

/** Scrolls the conversation as a user does (a wheel turn, then the scroll) until `id` is in the middle of it. */
async function userScrollTo(view: TestView, id: string): Promise<void> {
  await view.page.evaluate((messageId) => {
    const scroller = document.querySelector('.message-scroller')!;
    scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -100 }));
    document.querySelector(`[data-message-id="${messageId}"]`)!.scrollIntoView({ block: 'center' });
  }, id);
}

/** Waits until the reply `id` is in `state` (checked every 50 ms, for up to a minute). */
async function waitForState(view: TestView, id: string, state: 'drawn' | 'text'): Promise<void> {
  for (const deadline = Date.now() + 60_000; ; await new Promise((resolve) => setTimeout(resolve, 50))) {
    const states = await view.page.evaluate(replyStates);
    if (states[id] === state) return;
    if (Date.now() > deadline) throw new Error(`reply ${id} is ${states[id]}, not ${state}`);
  }
}

describe('the view draws a backlog a slice at a time (real Chromium)', function () {
  this.timeout(180_000);
  let view: TestView;

  beforeEach(async () => {
    view = await openTestView();
    await view.load();
  });
  afterEach(() => view?.dispose());

  it('opens a long conversation with the newest messages drawn, draws older replies when scrolled to, and lets far ones go back to text', async () => {
    const text = longReplyTokens(2000).join('');
    const messages = longConversation(MESSAGES, text);
    await view.send([snapshotOf('long', messages)]);
    await view.page.waitForFunction((count) => document.querySelectorAll('.message-log > .message').length === count, MESSAGES);
    const ids = await view.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.message-log > .message')].map((el) => el.dataset.messageId));
    assert.deepEqual(ids, messages.map((m) => m.id), 'every message, in order');
    await waitForState(view, 'm199', 'drawn');

    const opened = await view.page.evaluate(replyStates);
    const drawnAtOpen = Object.values(opened).filter((s) => s !== 'text').length;
    assert.equal(opened.m1, 'text', 'the oldest reply, far off screen, is not drawn');
    assert.ok(drawnAtOpen <= 12, `only the newest replies are drawn (${drawnAtOpen} of ${MESSAGES / 2})`);
    // A reply not drawn still has all its text in the page (find in page, screen readers), and Copy delivers it.
    const oldest = await view.page.evaluate(() => {
      const reply = document.querySelector<HTMLElement>('[data-message-id="m1"]')!;
      const posts = (window as unknown as { benchPosts: { type: string; text?: string }[] }).benchPosts;
      const before = posts.length;
      reply.querySelector<HTMLElement>('button[data-action="copy-message"]')!.click();
      return { shown: reply.querySelector('.markdown-pending .plain-text-body')!.textContent, copied: posts.slice(before).find((m) => m.type === 'copy')?.text };
    });
    assert.equal(oldest.shown, messages[1].content, 'the text of a reply not drawn is all in the page');
    assert.equal(oldest.copied, messages[1].content, 'Copy delivers exactly the reply');

    await userScrollTo(view, 'm101');
    await waitForState(view, 'm101', 'drawn');
    await userScrollTo(view, 'm1');
    await waitForState(view, 'm1', 'drawn');
    await waitForState(view, 'm101', 'text');
    const atTop = await view.page.evaluate(replyStates);
    assert.equal(atTop.m199, 'drawn', 'the newest reply stays drawn');
    const drawnAtTop = Object.values(atTop).filter((s) => s !== 'text').length;
    assert.ok(drawnAtTop <= 24, `replies far off screen went back to text (${drawnAtTop} drawn)`);
  });

  it('draws a long conversation sent as its newest messages, then whole: in order, the newest views kept as drawn', async () => {
    const messages = longConversation(40, longReplyTokens(500).join(''));
    await view.send([snapshotOf('long', messages.slice(-4))]);
    await waitForState(view, 'm39', 'drawn');
    await view.page.evaluate(() => ((window as unknown as { headView: Element }).headView = document.querySelector('[data-message-id="m39"]')!));
    await view.send([snapshotOf('long', messages)]);
    await view.page.waitForFunction((count) => document.querySelectorAll('.message-log > .message').length === count, messages.length);
    const ids = await view.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.message-log > .message')].map((el) => el.dataset.messageId));
    assert.deepEqual(ids, messages.map((m) => m.id), 'every message, in order');
    assert.ok(await view.page.evaluate(() => (window as unknown as { headView: Element }).headView === document.querySelector('[data-message-id="m39"]')), 'the newest reply was not drawn again');
    assert.equal((await view.page.evaluate(replyStates)).m39, 'drawn');
  });

  it('draws a long conversation sent as its newest messages, then asks for older ones piece by piece: in order, each once, stale pieces ignored', async () => {
    const messages = longConversation(40, longReplyTokens(500).join(''));
    // A reply in a piece is untrusted like any other: among the newest, so it goes through the renderer and sanitizer.
    const hostile = 'Look: <img src=x onerror="window.pwned=1"> and <script>window.pwned=1</script> done';
    messages[31] = { ...messages[31], content: hostile };
    const piece = (from: number, to: number, earlier: boolean, conversationId = 'long'): HostMessage =>
      ({ type: 'earlierMessages', conversationId, before: messages[to].id, messages: messages.slice(from, to), earlier });
    const shownIds = () => view.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.message-log > .message')].map((el) => el.dataset.messageId));
    const asked = () => view.page.evaluate(() => (window as unknown as { benchPosts: WebviewMessage[] }).benchPosts
      .flatMap((m) => (m.type === 'earlierMessages' ? [`${m.conversationId}:${m.before}`] : [])));
    const whenAsked = (count: number) => view.page.waitForFunction((n) => (window as unknown as { benchPosts: WebviewMessage[] }).benchPosts
      .filter((m) => m.type === 'earlierMessages').length >= n, count);
    const snapshot = snapshotOf('long', messages.slice(-4));
    await view.send([{ ...snapshot, earlier: true } as HostMessage]);
    await waitForState(view, 'm39', 'drawn');
    await whenAsked(1);
    assert.deepEqual(await asked(), ['long:m36'], 'once the newest are drawn, it asks for what goes before them');
    await view.page.evaluate(() => ((window as unknown as { headView: Element }).headView = document.querySelector('[data-message-id="m39"]')!));
    await view.send([piece(24, 36, true)]);
    await whenAsked(2);
    assert.deepEqual(await asked(), ['long:m36', 'long:m24'], 'then for the piece before that one');
    await view.send([piece(0, 24, false)]);
    await view.page.waitForFunction((count) => document.querySelectorAll('.message-log > .message').length === count, messages.length);
    assert.deepEqual(await shownIds(), messages.map((m) => m.id), 'every message, in order');
    assert.ok(await view.page.evaluate(() => (window as unknown as { headView: Element }).headView === document.querySelector('[data-message-id="m39"]')), 'the newest reply was not drawn again');
    await waitForState(view, 'm31', 'drawn');
    const fromPiece = await view.page.evaluate(() => {
      const reply = document.querySelector<HTMLElement>('[data-message-id="m31"] .markdown-body')!;
      return { elements: reply.querySelectorAll('img, script').length, text: reply.textContent?.trim(), pwned: (window as unknown as { pwned?: number }).pwned };
    });
    assert.deepEqual(fromPiece, { elements: 0, text: hostile, pwned: undefined }, 'raw HTML in a piece shows as text and runs nothing');

    // Pieces that do not fit what the view shows (sent before it was shown the conversation anew, or another one).
    await view.send([piece(0, 24, true), piece(10, 20, true, 'other')]);
    assert.deepEqual(await shownIds(), messages.map((m) => m.id), 'a piece that does not fit is not added');
    const other = messages.map((m) => ({ ...m, id: `o${m.id}` }));
    await view.send([{ ...snapshotOf('other', other.slice(-2)), earlier: true } as HostMessage,
      { type: 'earlierMessages', conversationId: 'other', before: 'om38', messages: other.slice(36, 38), earlier: false }]);
    await view.page.waitForFunction(() => document.querySelectorAll('.message-log > .message').length === 4);
    assert.deepEqual(await shownIds(), ['om36', 'om37', 'om38', 'om39'], 'another conversation takes its own pieces');
    await view.page.waitForFunction(() => document.querySelector('.message-log > .message[aria-busy="true"]') === null);
    assert.deepEqual((await asked()).filter((a) => a.startsWith('long:')), ['long:m36', 'long:m24'],
      'nothing more asked once the host said there is nothing older, nor for a piece that did not fit');
  });

  it('formats its warm-up sample after loading without any of it reaching the page or the extension', async () => {
    // Idle ten times over with nothing left to do: the sample's six units have long run by then.
    await view.page.evaluate(() => new Promise<void>((resolve) => {
      let calm = 0;
      const idle = (deadline: IdleDeadline): void => {
        calm = deadline.timeRemaining() >= 40 ? calm + 1 : 0;
        if (calm >= 10) resolve();
        else requestIdleCallback(idle);
      };
      requestIdleCallback(idle);
    }));
    const page = await view.page.evaluate(() => ({
      text: document.body.innerText,
      code: document.querySelectorAll('code, table, blockquote, h3').length,
      posts: (window as unknown as { benchPosts: { type: string }[] }).benchPosts.map((m) => m.type),
    }));
    for (const sample of ['answer', 'Heading', 'an item', 'a quote']) assert.ok(!page.text.includes(sample), `"${sample}" is not on the page`);
    assert.equal(page.code, 0, 'no formatted block is on the page');
    assert.deepEqual(page.posts, ['ready'], 'the extension heard only that the view is ready');
  });

  it('shows a long reply that arrives at once whole, formats it newest first once the burst is over, and Stop and typing work meanwhile', async () => {
    await view.send([emptySnapshot()]);
    const tokens = longReplyTokens(40_000);
    const text = tokens.join('');
    const reply = turn(0, tokens, tokens.length);
    // The first paragraph, and the last one (the reply ends in the middle of the code block after it).
    const [first, last] = [...text.matchAll(/Paragraph \d+ explains/g)].map((m) => m[0]).filter((_, i, all) => i === 0 || i === all.length - 1);
    await view.send(reply.start);
    /** Waits until `text` is in a formatted paragraph of the reply (a block not formatted yet is a plain element). */
    const untilFormatted = (text: string) => view.page.waitForFunction(({ id, text }) => [...document.querySelectorAll(`[data-message-id="${id}"] .markdown-body p`)].some((p) => p.textContent?.includes(text)), { id: reply.messageId, text });
    // What the page showed when the click and the typing reached it.
    await view.page.evaluate(({ messageId, first, last }) => {
      const w = window as unknown as { seen: { event: string; first: boolean; last: boolean; allText: boolean }[] };
      w.seen = [];
      // Formatted: in a paragraph (a block not formatted yet shows its text in a plain element).
      const formatted = (text: string): boolean => [...document.querySelectorAll(`[data-message-id="${messageId}"] .markdown-body p`)].some((p) => p.textContent?.includes(text));
      const record = (event: string) => (): void => {
        const shown = document.querySelector(`[data-message-id="${messageId}"] .markdown-body`)?.textContent ?? '';
        w.seen.push({ event, first: formatted(first), last: formatted(last), allText: shown.includes(first) && shown.includes(last) });
      };
      document.addEventListener('click', record('click'), { capture: true });
      document.addEventListener('input', record('input'), { capture: true });
    }, { messageId: reply.messageId, first, last });
    await view.page.evaluate((message) => window.dispatchEvent(new MessageEvent('message', { data: message })), delta(reply.messageId, text));
    // A burst: formatted once it is over (no more text for a while), its end first.
    await untilFormatted(last);
    await view.page.click('button[aria-label="Stop"]');
    await view.page.focus('textarea[aria-label="Message"]');
    await view.page.keyboard.type('next');

    const seen = await view.page.evaluate(() => (window as unknown as { seen: { event: string; first: boolean; last: boolean; allText: boolean }[] }).seen);
    const posts = await view.page.evaluate(() => (window as unknown as { benchPosts: { type: string }[] }).benchPosts.filter((m) => m.type === 'stop'));
    assert.deepEqual(posts, [{ type: 'stop' }], 'Stop reached the host');
    assert.equal(await view.page.inputValue('textarea[aria-label="Message"]'), 'next', 'what the user typed is in the box');
    const click = seen.find((s) => s.event === 'click');
    assert.deepEqual(click, { event: 'click', first: false, last: true, allText: true }, 'the click came while the reply was formatted, its end first, all its text on the page');
    assert.ok(seen.some((s) => s.event === 'input' && !s.first), 'the typing came while the reply was formatted');
    await untilFormatted(first);
    assert.equal(await view.page.locator(`[data-message-id="${reply.messageId}"] .markdown-unformatted`).count(), 0, 'in the end every block is formatted');
  });

  it('in a burst puts the streaming reply\'s text on the page as it comes and formats it once the burst is over', async () => {
    await view.send([emptySnapshot()]);
    // About 2,000 characters of headings, paragraphs, lists and code: a burst (1,000 or more in one draw), quick to split.
    const tokens = longReplyTokens(600);
    const text = tokens.join('');
    const reply = turn(0, tokens, tokens.length);
    await view.send(reply.start);
    type Seen = { text: string; unformatted: number; formatted: number };
    // In the animation frame that draws the text, right after the draw (no idle time between them).
    const inDrawFrame = (message: HostMessage) => view.page.evaluate(({ message, id }) => new Promise<Seen>((resolve) => {
      window.dispatchEvent(new MessageEvent('message', { data: message }));
      requestAnimationFrame(() => {
        const body = document.querySelector(`[data-message-id="${id}"] .markdown-body`)!;
        resolve({
          text: body.textContent ?? '',
          unformatted: body.querySelectorAll('.markdown-chunk > .markdown-unformatted').length,
          formatted: body.querySelectorAll('.markdown-chunk > :not(.markdown-unformatted)').length,
        });
      });
    }), { message, id: reply.messageId });
    const squash = (t: string) => t.replace(/\s+/g, '');
    const burst = await inDrawFrame(delta(reply.messageId, text.slice(0, 2_000)));
    assert.ok(burst.unformatted > 0, 'its finished blocks are on the page');
    assert.equal(burst.formatted, 0, 'and not formatted while the burst goes on');
    assert.ok(squash(burst.text).startsWith(squash(text.slice(0, 1_500)).slice(0, 1_000)), 'its text is there as it came');

    await view.send(reply.end);
    // Drawn (not busy) once the blocks in the viewport are formatted; those near it follow, those farther off in idle time.
    await view.page.waitForFunction((id) => document.querySelector(`[data-message-id="${id}"]`)?.getAttribute('aria-busy') === 'false', reply.messageId);
    const onScreenUnformatted = await view.page.evaluate((id) => {
      const scroller = document.querySelector('.message-scroller')!.getBoundingClientRect();
      return [...document.querySelectorAll(`[data-message-id="${id}"] .markdown-unformatted`)]
        .filter((el) => { const r = el.getBoundingClientRect(); return r.bottom > scroller.top && r.top < scroller.bottom; }).length;
    }, reply.messageId);
    assert.equal(onScreenUnformatted, 0, 'once the reply is complete, the blocks on screen are formatted');
    await view.page.waitForFunction((id) => document.querySelectorAll(`[data-message-id="${id}"] .markdown-unformatted`).length === 0, reply.messageId);

    // At reading speed (a few characters a draw) a streaming reply is formatted as it comes.
    const slow = turn(1, tokens, 2);
    await view.send(slow.start);
    let steady: Seen = { text: '', unformatted: 0, formatted: 0 };
    for (const piece of chunk(tokens, 2).slice(0, 120)) steady = await inDrawFrame(delta(slow.messageId, piece));
    assert.ok(steady.formatted > 0, `formatted as it streams (${JSON.stringify({ ...steady, text: steady.text.length })})`);
  });

  it('tells a long reply that ended in a burst drawn only once the blocks on screen are formatted', async () => {
    await view.send([emptySnapshot()]);
    // About 27,000 characters: several viewports, in many chunks of blocks.
    const tokens = longReplyTokens(8_000);
    const text = tokens.join('');
    const reply = turn(0, tokens, tokens.length);
    await view.send(reply.start);
    const half = Math.floor(text.length / 2);
    await view.send([delta(reply.messageId, text.slice(0, half))]);
    type AtDrawn = { unformattedOnScreen: number; shownChars: number };
    // The moment the reply stops being busy (screen readers read it then): what the view shows once it has
    // scrolled to the end, where it follows the reply to.
    await view.page.evaluate((id) => {
      const w = window as unknown as { atDrawn?: AtDrawn };
      const reply = document.querySelector(`[data-message-id="${id}"]`)!;
      new MutationObserver(() => {
        if (w.atDrawn || reply.getAttribute('aria-busy') !== 'false') return;
        const scroller = document.querySelector('.message-scroller')!;
        scroller.scrollTop = scroller.scrollHeight;
        const box = scroller.getBoundingClientRect();
        const inBox = (el: Element): boolean => {
          const r = el.getBoundingClientRect();
          return r.bottom > box.top && r.top < box.bottom;
        };
        // A block in a part of the reply the browser skips (off screen, `content-visibility`) is not drawn; where
        // that part would be drawn is where its box is.
        const onScreen = (el: Element): boolean => (el.checkVisibility({ contentVisibilityAuto: true }) ? inBox(el) : inBox(el.closest('.markdown-chunk') ?? el));
        w.atDrawn = {
          unformattedOnScreen: [...reply.querySelectorAll('.markdown-unformatted')].filter(onScreen).length,
          shownChars: reply.querySelector('.markdown-body')?.textContent?.length ?? 0,
        };
      }).observe(reply, { attributes: true, attributeFilter: ['aria-busy'] });
    }, reply.messageId);
    // The rest in the same burst, with the end.
    await view.send([delta(reply.messageId, text.slice(half)), ...reply.end]);
    await view.page.waitForFunction(() => (window as unknown as { atDrawn?: AtDrawn }).atDrawn !== undefined);
    const atDrawn = await view.page.evaluate(() => (window as unknown as { atDrawn: AtDrawn }).atDrawn);
    assert.equal(atDrawn.unformattedOnScreen, 0, 'the blocks on screen are formatted when the reply is told drawn');
    assert.ok(atDrawn.shownChars > text.length * 0.9, `all its text is on the page then (${atDrawn.shownChars} of ${text.length} characters)`);
  });

  it('highlights a long code block a piece at a time, its text exactly the code throughout', async () => {
    // Just under the length that is highlighted at all.
    const code = Array.from({ length: 420 }, (_, i) => `const value${i} = compute(${i}); // line ${i}`).join('\n');
    const message: ChatMessage = { id: 'code', role: 'assistant', content: `Code:\n\n\`\`\`ts\n${code}\n\`\`\``, timestamp: 1_700_000_000_000, model: MODEL, status: 'complete' };
    // Every state the code element goes through, as seen after each task that changed it.
    await view.page.evaluate(() => {
      const w = window as unknown as { states: { text: string; partly: boolean }[] };
      w.states = [];
      new MutationObserver(() => {
        const el = document.querySelector<HTMLElement>('[data-message-id="code"] code');
        if (el) w.states.push({ text: el.textContent ?? '', partly: el.querySelector('.hljs-keyword') !== null && el.dataset.highlighted !== 'yes' });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await view.send([snapshotOf('code', [message])]);
    await view.page.waitForFunction(() => document.querySelector<HTMLElement>('[data-message-id="code"] code')?.dataset.highlighted === 'yes');
    const states = await view.page.evaluate(() => (window as unknown as { states: { text: string; partly: boolean }[] }).states);
    const shownCode = states.filter((s) => s.text);
    assert.ok(shownCode.every((s) => s.text === code), 'the code element holds exactly the code in every state');
    assert.ok(shownCode.some((s) => s.partly), 'the view was free between pieces of highlighting');
    const last = await view.page.evaluate(() => document.querySelector('[data-message-id="code"] code')!.lastElementChild?.textContent);
    assert.ok(last, 'the end of the code is highlighted too');
  });

  it('leaves code in a language it does not know as plain text and highlights the blocks after it', async () => {
    const content = 'Two blocks:\n\n```brainfuck-ish\nlet x = 1 // not a language here\n```\n\n```py\ndef f():\n    return 1\n```';
    const message: ChatMessage = { id: 'langs', role: 'assistant', content, timestamp: 1_700_000_000_000, model: MODEL, status: 'complete' };
    await view.send([snapshotOf('langs', [message])]);
    await view.page.waitForFunction(() => document.querySelectorAll<HTMLElement>('[data-message-id="langs"] code')[1]?.dataset.highlighted === 'yes');
    const [unknown, python] = await view.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('[data-message-id="langs"] code')].map((el) => ({
      text: el.textContent, spans: el.querySelectorAll('span[class^="hljs-"]').length, highlighted: el.dataset.highlighted ?? null,
    })));
    assert.deepEqual(unknown, { text: 'let x = 1 // not a language here', spans: 0, highlighted: null });
    assert.equal(python.text, 'def f():\n    return 1');
    assert.ok(python.spans > 0, 'the Python block after it is highlighted');
  });
});
