/**
 * The snapshot: opening a long conversation (200 messages × 2,000 tokens) from the chat view's history, as a
 * user does (History, then the conversation), against a two-message conversation opened the same way. The
 * conversations are imported first with "Ollama Chat: Import Conversation…" from files in the extension's export
 * format, through VS Code's own file dialog: they are then stored exactly as the extension stores any conversation.
 * Measured: the click → the first frame with drawn messages in the viewport, the webview's frames from the click until
 * every message is in the page and frames have come regularly for a second, and memory afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { median } from '../measure';
import { atMost, none, type Figure, type SectionResult } from '../report';
import { frameStats, GAP_LIMIT_MS, type FrameStats } from './frameStats';
import { conversationExport } from './longConversation';
import { epochNow, readRecord, whenQuiet, whenShown } from './recorder';
import { CHAT_MESSAGE, DRAWN_CHAT_MESSAGE, OLLAMA_CHAT } from './views';
import { withViewBenchWindow, type ViewBenchWindow } from './window';

const AREA = 'Snapshot';
const TOKENS_PER_MESSAGE = 2_000;

interface Seeded {
  id: string;
  title: string;
  messages: number;
}

const LONG: Seeded = { id: 'bench-long', title: 'Long conversation', messages: 200 };
const SHORT: Seeded = { id: 'bench-short', title: 'Short conversation', messages: 2 };

interface OpenRun {
  /** Click → first frame with a drawn message in the viewport. */
  firstMs: number;
  /** Click → first frame with every message in the page. */
  allMs: number;
  stats: FrameStats;
  heap: number;
  /** Elements in the webview's document. */
  elements: number;
}

interface ClickWindow {
  benchClickAt?: number;
}

/** Imports a conversation file through the palette and the file dialog, and waits until the view has drawn it. */
async function importConversation(w: ViewBenchWindow, frame: Frame, seeded: Seeded): Promise<void> {
  const file = join(w.workspaceFolder, `${seeded.id}.json`);
  writeFileSync(file, conversationExport(seeded.id, seeded.title, seeded.messages, TOKENS_PER_MESSAGE));
  await w.runCommand('Ollama Chat: Import Conversation…');
  await w.chooseFile(file);
  await whenShown(frame, { selector: CHAT_MESSAGE, count: seeded.messages });
  await whenQuiet(frame);
}

async function openFromHistory(w: ViewBenchWindow, frame: Frame, seeded: Seeded): Promise<OpenRun> {
  await OLLAMA_CHAT.clear(frame);
  await whenQuiet(frame);
  await frame.getByRole('button', { name: 'History', exact: true }).click();
  const row = frame.locator(`.history-item[data-id="${seeded.id}"] .history-open`);
  await row.waitFor();
  // The click's own time stamp: Playwright's checks before it dispatches the click do not count.
  await frame.evaluate(() => document.addEventListener('click', (e) => ((window as ClickWindow).benchClickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true }));
  await row.click();
  const click = await frame.evaluate(() => (window as ClickWindow).benchClickAt ?? NaN);
  const first = await whenShown(frame, { selector: DRAWN_CHAT_MESSAGE, count: 1, inViewport: true });
  const all = await whenShown(frame, { selector: CHAT_MESSAGE, count: seeded.messages });
  await whenQuiet(frame);
  const stats = frameStats(await readRecord(frame), click, epochNow());
  const elements = await frame.evaluate(() => document.getElementsByTagName('*').length);
  return { firstMs: first - click, allMs: all - click, stats, heap: await w.heapAfterGc(), elements };
}

export async function benchSnapshot(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const runs = quick ? 1 : 3;
  const samples = await withViewBenchWindow(repoRoot, async (w) => {
    await w.openContainer(OLLAMA_CHAT.container);
    const frame = await w.webview(OLLAMA_CHAT.extensionId, OLLAMA_CHAT.drawn);
    for (const seeded of [LONG, SHORT]) await importConversation(w, frame, seeded);
    const byConversation = new Map<Seeded, OpenRun[]>([[LONG, []], [SHORT, []]]);
    for (let i = 0; i < runs; i++) {
      for (const seeded of i % 2 ? [SHORT, LONG] : [LONG, SHORT]) byConversation.get(seeded)!.push(await openFromHistory(w, frame, seeded));
    }
    return byConversation;
  });
  const long = samples.get(LONG)!;
  const short = samples.get(SHORT)!;
  const label = `${SHORT.messages} messages`;
  const list = (runs: OpenRun[], pick: (r: OpenRun) => number): string => runs.map((r) => pick(r).toFixed(0)).join(', ');
  const figure = (measure: string, pick: (r: OpenRun) => number, unit: string, goal?: Figure['goal'], note = ''): Figure => ({
    area: AREA, measure, value: median(long.map(pick)), unit, baseline: { label, value: median(short.map(pick)) }, goal,
    note: `${note}runs: ${list(long, pick)} (${label}: ${list(short, pick)})`,
  });
  const what = `${LONG.messages} messages × ${TOKENS_PER_MESSAGE.toLocaleString('en-US')} tokens`;
  return {
    figures: [
      figure(`open a conversation of ${what} from the history: click → first messages on screen, median of ${long.length}`, (r) => r.firstMs, 'ms', atMost(100, 'ms'),
        `every message in the page after ${median(long.map((r) => r.allMs)).toFixed(0)} ms; `),
      figure('longest gap between webview frames, click → all drawn and a calm second', (r) => r.stats.longestGapMs, 'ms', atMost(GAP_LIMIT_MS, 'ms')),
      figure(`frames more than ${GAP_LIMIT_MS} ms apart`, (r) => r.stats.gapsOverLimit, '', none),
      figure('main-thread long tasks, total', (r) => r.stats.longTaskMs, 'ms', undefined,
        `${median(long.map((r) => r.stats.selfLongTaskMs)).toFixed(0)} ms of it in the webview's own script; `),
      figure('renderer JS heap after a full GC with the conversation shown (workbench and webviews share it)', (r) => r.heap, 'bytes'),
      figure('elements in the webview with the conversation shown', (r) => r.elements, ''),
    ],
  };
}
