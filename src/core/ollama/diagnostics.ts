/**
 * "Diagnose" and "Test Connection": asks Ollama what a bug report needs (version, models, loaded models, a one-token
 * generation with timing) and writes it as Markdown. No `vscode` import. No secrets in the report.
 */
import { t } from '../../shared/l10n';
import { originOf } from '../settings/authHeader';
import { describeError, errorText } from './errors';
import type { OllamaClient } from './ollamaClient';
import { sameModel } from './ollamaClient';

export interface DiagnosticsInput {
  host: string;
  model: string;
  /** The stored auth header's name and the origin it was set for, if any (never its value). */
  authHeader?: { name: string; origin: string };
  extensionVersion: string;
  vscodeVersion: string;
  /** Skip the test generation (Test Connection). */
  skipGeneration?: boolean;
}

export interface DiagnosticsResult {
  ok: boolean;
  version?: string;
  latencyMs?: number;
  modelCount?: number;
  modelInstalled?: boolean;
  /** Which auth header there is, the origin it was set for and whether this host gets it; undefined without one. */
  authHeader?: string;
  report: string;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: Math.round(performance.now() - start) };
}

/** Which header there is and whether it goes to this host: it is sent only to the origin it was set for. */
function authHeaderLine({ authHeader, host }: DiagnosticsInput): string {
  if (!authHeader) return t('none');
  const origin = originOf(host);
  return origin === authHeader.origin
    ? t('{0}, set for {1}; sent', authHeader.name, authHeader.origin)
    : t('{0}, set for {1}; not sent to {2} (run "Ollama Chat: Set Auth Header" to send it there)', authHeader.name, authHeader.origin, origin ?? host);
}

/** Runs the checks in order; a failed step is reported in words and stops the ones that depend on it. */
export async function runDiagnostics(client: OllamaClient, input: DiagnosticsInput): Promise<DiagnosticsResult> {
  const lines = [
    `# ${t('Ollama Chat diagnostics')}`, '',
    `- ${t('Extension: {0}', input.extensionVersion)}`, `- ${t('VS Code: {0}', input.vscodeVersion)}`,
    `- ${t('Node: {0} on {1}/{2}', process.versions.node, process.platform, process.arch)}`,
    `- ${t('Host: {0}', input.host)}`, `- ${t('Auth header: {0}', authHeaderLine(input))}`, `- ${t('Model: {0}', input.model)}`, '',
  ];
  const result: DiagnosticsResult = { ok: false, authHeader: input.authHeader && authHeaderLine(input), report: '' };
  const fail = (step: string, err: unknown) => {
    const d = describeError(err, { host: input.host, model: input.model });
    lines.push(`- ✗ ${step}: ${errorText(d)}`);
  };
  try {
    const { value, ms } = await timed(() => client.version());
    result.version = value;
    result.latencyMs = ms;
    lines.push(`- ✓ ${t('Ollama {0} answered in {1} ms', value, ms)}`);
  } catch (err) {
    fail(t('Connection'), err);
    result.report = lines.join('\n');
    return result;
  }
  try {
    const models = await client.listModels();
    result.modelCount = models.length;
    result.modelInstalled = models.some((m) => sameModel(input.model, m.name));
    const names = models.map((m) => m.name).join(', ') || t('none');
    lines.push(`- ✓ ${models.length === 1 ? t('{0} model: {1}', models.length, names) : t('{0} models: {1}', models.length, names)}`);
    lines.push(result.modelInstalled ? `- ✓ ${t('{0} is installed', input.model)}` : `- ✗ ${t('{0} is not installed (run "ollama pull {0}")', input.model)}`);
  } catch (err) {
    fail(t('Listing models'), err);
  }
  try {
    const loaded = await client.loadedModels();
    lines.push(`- ${t('Loaded now: {0}', loaded.map((m) => t('{0} ({1} MB VRAM)', m.name, Math.round(m.sizeVram / 1e6))).join(', ') || t('none'))}`);
  } catch (err) {
    fail(t('Loaded models'), err);
  }
  if (!input.skipGeneration && result.modelInstalled) {
    try {
      const start = performance.now();
      let first: number | undefined;
      let stats: { load: number; tokens: number } | undefined;
      for await (const chunk of client.chat({ model: input.model, messages: [{ role: 'user', content: 'Say OK.' }], options: { num_predict: 1 } })) {
        first ??= Math.round(performance.now() - start);
        if (chunk.type === 'done') stats = { load: Math.round(chunk.stats.loadDurationMs), tokens: chunk.stats.evalCount };
      }
      const firstMs = first ?? '?';
      const doneMs = Math.round(performance.now() - start);
      const line = !stats
        ? t('Test generation: first token after {0} ms, done after {1} ms', firstMs, doneMs)
        : stats.tokens === 1
          ? t('Test generation: first token after {0} ms, done after {1} ms, load {2} ms, {3} token', firstMs, doneMs, stats.load, stats.tokens)
          : t('Test generation: first token after {0} ms, done after {1} ms, load {2} ms, {3} tokens', firstMs, doneMs, stats.load, stats.tokens);
      lines.push(`- ✓ ${line}`);
    } catch (err) {
      fail(t('Test generation'), err);
    }
  }
  result.ok = !lines.some((l) => l.startsWith('- ✗'));
  result.report = `${lines.join('\n')}\n`;
  return result;
}
