/**
 * Typing (webview side): key presses in the composer of the real view bundle in Chromium, with a 1 MB conversation on
 * screen, with the context meter on (the host has sent its base) against the same composer before the meter has a
 * base (hidden, nothing counted): main-thread time per key press, and the longest task (what a key press waits for).
 */
import { contextReport } from '../../src/core/chat/contextReport';
import type { ViewState } from '../../src/shared/protocol';
import type { ChatMessage, Conversation } from '../../src/shared/types';
import { longReplyTokens } from '../../simulator';
import { below, type Figure, type SectionResult } from '../report';
import { openView, type ViewPage } from './page';
import { traceMainThread, type MainThreadWork } from './trace';

const AREA = 'Typing';
/** A conversation of about 1 MB: this many question-and-answer pairs of ~3.4 KB markdown answers. */
const TURNS = 300;
/** One frame at 60 Hz. */
const FRAME_MS = 1000 / 60;
const SENTENCE = 'How would I read a large file line by line without loading it all into memory? ';

/** A conversation of about 1 MB, the answers in mixed markdown (headings, lists, code, tables). */
function bigConversation(): Conversation {
  const answer = longReplyTokens(1000).join('');
  const messages: ChatMessage[] = [];
  for (let i = 0; i < TURNS; i++) {
    messages.push({ id: `q${i}`, role: 'user', content: `Question ${i}: ${SENTENCE}`, timestamp: i, model: 'mistral', status: 'complete' });
    messages.push({ id: `a${i}`, role: 'assistant', content: answer, timestamp: i, model: 'mistral', status: 'complete' });
  }
  return { id: 'typing', title: 'A long conversation', createdAt: 0, updatedAt: 0, messages };
}

function snapshot(conversation: Conversation): ViewState {
  return {
    conversation, conversations: [{ id: conversation.id, title: conversation.title, createdAt: 0, updatedAt: 0, messageCount: conversation.messages.length }],
    model: 'mistral', stream: null, error: null, attachments: [], systemPrompt: null,
  };
}

/**
 * Waits until the view has highlighted every code block it queued (in idle time, after a snapshot): each block
 * highlighted changes the layout of the list, which the next key press would pay for.
 */
async function settle(view: ViewPage): Promise<number> {
  return view.page.evaluate(async () => {
    const idle = (): Promise<void> => new Promise((resolve) => requestIdleCallback(() => resolve()));
    let stable = 0;
    let last = -1;
    while (stable < 5) {
      await idle();
      const count = document.querySelectorAll('code[data-highlighted]').length;
      stable = count === last ? stable + 1 : 0;
      last = count;
    }
    return last;
  });
}

/** Types `presses` characters into the message box, one key press at a time, tracing the main thread. */
async function typeKeys(view: ViewPage, presses: number): Promise<MainThreadWork> {
  const input = view.page.locator('textarea.composer-input');
  await input.fill('');
  await input.focus();
  const text = SENTENCE.repeat(Math.ceil(presses / SENTENCE.length)).slice(0, presses);
  return traceMainThread(view.browser, view.page, async () => {
    await view.page.keyboard.type(text);
    // Let the last key press's frame be drawn inside the trace.
    await view.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  });
}

export async function benchTyping(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const presses = quick ? 100 : 400;
  const conversation = bigConversation();
  const bytes = Buffer.byteLength(JSON.stringify(conversation));
  const view = await openView(repoRoot);
  try {
    await view.load();
    await view.send([{ type: 'snapshot', state: snapshot(conversation) }]);
    const highlighted = await settle(view);
    await typeKeys(view, 20); // warm-up: compile the input path
    const baseline = await typeKeys(view, presses);
    const settings = { host: 'http://127.0.0.1:11434', model: 'mistral', systemPrompt: '', options: {}, keepAlive: '5m' };
    const facts = { capabilities: ['completion'], contextLength: 32_768, kvBytesPerToken: 131_072 };
    await view.send([{ type: 'context', context: contextReport(conversation, settings, 'mistral', facts, 0) }]);
    const shown = await view.page.locator('.context-meter-label').textContent();
    if (!shown?.includes('/')) throw new Error(`the meter did not show: ${shown}`);
    await typeKeys(view, 20);
    const meter = await typeKeys(view, presses);
    const label = `the same composer without the meter (no base from the host yet)`;
    const figures: Figure[] = [
      {
        area: AREA, measure: `main-thread time per key press in the composer with the context meter, ${(bytes / 1e6).toFixed(1)} MB conversation on screen`,
        value: meter.wallMs / presses, unit: 'ms', baseline: { label, value: baseline.wallMs / presses }, goal: below(FRAME_MS, 'ms'),
        note: `${presses} key presses; CPU ${(meter.cpuMs / presses).toFixed(2)} ms per key press (without the meter ${(baseline.cpuMs / presses).toFixed(2)} ms); the meter read "${shown}" over ${TURNS * 2} messages; typed once the view had highlighted its ${highlighted} code blocks`,
      },
      {
        area: AREA, measure: 'longest main-thread task while typing with the meter (wall)', value: meter.longestMs, unit: 'ms',
        baseline: { label, value: baseline.longestMs }, goal: below(FRAME_MS, 'ms'), note: `${meter.longestCpuMs.toFixed(1)} ms of it on the CPU`,
      },
    ];
    return { figures, facts: { chromium: view.browser.version() } };
  } finally {
    await view.close();
  }
}
