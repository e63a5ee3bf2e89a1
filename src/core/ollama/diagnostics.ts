/**
 * "Diagnose" and "Test Connection": asks Ollama what a bug report needs (version, models, loaded models, a one-token
 * generation with timing) and writes it as Markdown. No `vscode` import. No secrets in the report.
 */
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
  if (!authHeader) return 'none';
  const origin = originOf(host);
  return origin === authHeader.origin
    ? `${authHeader.name}, set for ${authHeader.origin}; sent`
    : `${authHeader.name}, set for ${authHeader.origin}; not sent to ${origin ?? host} (run "Ollama Chat: Set Auth Header" to send it there)`;
}

/** Runs the checks in order; a failed step is reported in words and stops the ones that depend on it. */
export async function runDiagnostics(client: OllamaClient, input: DiagnosticsInput): Promise<DiagnosticsResult> {
  const lines = [
    '# Ollama Chat diagnostics', '',
    `- Extension: ${input.extensionVersion}`, `- VS Code: ${input.vscodeVersion}`,
    `- Node: ${process.versions.node} on ${process.platform}/${process.arch}`,
    `- Host: ${input.host}`, `- Auth header: ${authHeaderLine(input)}`, `- Model: ${input.model}`, '',
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
    lines.push(`- ✓ Ollama ${value} answered in ${ms} ms`);
  } catch (err) {
    fail('Connection', err);
    result.report = lines.join('\n');
    return result;
  }
  try {
    const models = await client.listModels();
    result.modelCount = models.length;
    result.modelInstalled = models.some((m) => sameModel(input.model, m.name));
    lines.push(`- ✓ ${models.length} model(s): ${models.map((m) => m.name).join(', ') || 'none'}`);
    lines.push(result.modelInstalled ? `- ✓ ${input.model} is installed` : `- ✗ ${input.model} is not installed (run "ollama pull ${input.model}")`);
  } catch (err) {
    fail('Listing models', err);
  }
  try {
    const loaded = await client.loadedModels();
    lines.push(`- Loaded now: ${loaded.map((m) => `${m.name} (${Math.round(m.sizeVram / 1e6)} MB VRAM)`).join(', ') || 'none'}`);
  } catch (err) {
    fail('Loaded models', err);
  }
  if (!input.skipGeneration && result.modelInstalled) {
    try {
      const start = performance.now();
      let first: number | undefined;
      let stats = '';
      for await (const chunk of client.chat({ model: input.model, messages: [{ role: 'user', content: 'Say OK.' }], options: { num_predict: 1 } })) {
        first ??= Math.round(performance.now() - start);
        if (chunk.type === 'done') stats = `, load ${Math.round(chunk.stats.loadDurationMs)} ms, ${chunk.stats.evalCount} token(s)`;
      }
      lines.push(`- ✓ Test generation: first token after ${first ?? '?'} ms, done after ${Math.round(performance.now() - start)} ms${stats}`);
    } catch (err) {
      fail('Test generation', err);
    }
  }
  result.ok = !lines.some((l) => l.startsWith('- ✗'));
  result.report = `${lines.join('\n')}\n`;
  return result;
}
