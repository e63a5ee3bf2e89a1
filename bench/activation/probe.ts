/**
 * Runs inside VS Code's extension host as the "tests" module of a window opened by `bench.ts`: activates the
 * extensions listed in the workspace's probe input one after the other, times each `activate()`, writes a report
 * next to it, and keeps the extension host running until the driver has read VS Code's own figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { PROBE_INPUT, PROBE_OUTPUT, PROBE_RELEASE, type ActivationSample, type ProbeReport } from './probeFiles';

/** Event-loop utilization below which the extension host counts as idle. */
const IDLE_UTILIZATION = 0.05;
const IDLE_WINDOW_MS = 500;
/** Consecutive idle windows needed. */
const IDLE_WINDOWS = 3;
const IDLE_TIMEOUT_MS = 30_000;
/** How long the probe waits for the driver's release (it returns anyway then). */
const RELEASE_TIMEOUT_MS = 180_000;

/**
 * Waits until the extension host's event loop has been idle for a while, so that the activation measured is not
 * slowed by the start-up work of other extensions (git and friends activate while the tests module already runs).
 * Returns the time waited in ms; gives up (and measures anyway) after {@link IDLE_TIMEOUT_MS}.
 */
async function extensionHostIdle(): Promise<number> {
  const start = performance.now();
  let idleWindows = 0;
  let last = performance.eventLoopUtilization();
  while (idleWindows < IDLE_WINDOWS && performance.now() - start < IDLE_TIMEOUT_MS) {
    await new Promise((resolve) => setTimeout(resolve, IDLE_WINDOW_MS));
    const now = performance.eventLoopUtilization();
    idleWindows = performance.eventLoopUtilization(now, last).utilization < IDLE_UTILIZATION ? idleWindows + 1 : 0;
    last = now;
  }
  return performance.now() - start;
}

/** Entry point called by the workbench's test runner; a rejection becomes exit code 1. */
export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('the probe needs a workspace folder');
  const ids = JSON.parse(readFileSync(join(folder, PROBE_INPUT), 'utf8')) as string[];
  const idleWaitMs = await extensionHostIdle();
  const samples: ActivationSample[] = [];
  for (const id of ids) {
    const extension = vscode.extensions.getExtension(id);
    if (!extension) {
      const loaded = vscode.extensions.all.map((e) => e.id).filter((e) => !e.startsWith('vscode.'));
      throw new Error(`extension ${id} is not loaded in this window; non-built-in extensions: ${loaded.join(', ') || 'none'}`);
    }
    const wasActive = extension.isActive;
    const start = performance.now();
    await extension.activate();
    samples.push({ id, wasActive, ms: performance.now() - start });
  }
  const report: ProbeReport = { vscodeVersion: vscode.version, appName: vscode.env.appName, node: process.versions.node, idleWaitMs, samples };
  writeFileSync(join(folder, PROBE_OUTPUT), JSON.stringify(report));
  const deadline = performance.now() + RELEASE_TIMEOUT_MS;
  while (!existsSync(join(folder, PROBE_RELEASE)) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}
