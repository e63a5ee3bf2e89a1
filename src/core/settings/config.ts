import { t } from '../../shared/l10n';
/**
 * The extension's settings, typed and validated. Pure: the caller supplies a `get(key)` reader (VS Code's
 * `WorkspaceConfiguration.get` in the extension, a plain object in tests), so this module imports nothing from `vscode`.
 */

/** Settings as the rest of the extension sees them, already validated. */
export interface Settings {
  host: string;
  model: string;
  systemPrompt: string;
  /** Only the entries of `ollamaChat.options` whose types are right. */
  options: Record<string, number | string | boolean | string[]>;
  keepAlive: string | number;
}

/** A problem found while reading the settings, for the log and for the user. */
export interface SettingsProblem {
  setting: string;
  message: string;
}

export const SECTION = 'ollamaChat';
export const DEFAULT_HOST = 'http://127.0.0.1:11434';
export const DEFAULT_MODEL = 'mistral';

/** Ollama options and the type each must have (from Ollama's `api/types.go`). */
const OPTION_TYPES: Record<string, 'number' | 'integer' | 'boolean' | 'string[]'> = {
  num_ctx: 'integer', num_predict: 'integer', num_keep: 'integer', seed: 'integer', top_k: 'integer',
  repeat_last_n: 'integer', num_batch: 'integer', num_gpu: 'integer', main_gpu: 'integer', num_thread: 'integer',
  temperature: 'number', top_p: 'number', min_p: 'number', typical_p: 'number', repeat_penalty: 'number',
  presence_penalty: 'number', frequency_penalty: 'number',
  use_mmap: 'boolean', numa: 'boolean', low_vram: 'boolean', stop: 'string[]',
};

/** Outcome of validating the host setting. */
export type HostCheck = { ok: true; host: string } | { ok: false; message: string };

/**
 * Checks that `value` is an absolute http(s) URL without credentials or query, and returns it without a trailing slash.
 * A bare `localhost:11434` is refused (the URL parser would read `localhost:` as the scheme).
 */
export function validateHost(value: unknown): HostCheck {
  const example = `Use a full URL such as ${DEFAULT_HOST} or https://ollama.example.com.`;
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, message: t('The Ollama host setting is empty. {0}', example) };
  }
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: t('"{0}" is not a URL. {1}', text, example) };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: t('"{0}" must start with http:// or https://. {1}', text, example) };
  }
  if (!url.hostname) {
    return { ok: false, message: t('"{0}" has no host name. {1}', text, example) };
  }
  if (url.username || url.password) {
    return { ok: false, message: t('Do not put credentials in the host URL; use "Ollama Chat: Set Auth Header" instead. {0}', example) };
  }
  return { ok: true, host: `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}` };
}

function checkOption(kind: (typeof OPTION_TYPES)[string], value: unknown): boolean {
  switch (kind) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((s) => typeof s === 'string');
  }
}

/**
 * Keeps the entries of a user's `ollamaChat.options` that Ollama accepts with the right type;
 * everything else is reported, so one typo does not break every request.
 */
export function validateOptions(raw: unknown): { options: Settings['options']; problems: SettingsProblem[] } {
  const options: Settings['options'] = {};
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { options, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ setting: `${SECTION}.options`, message: t('must be an object such as {"num_ctx": 8192}; ignored.') });
    return { options, problems };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const kind = OPTION_TYPES[key];
    if (!kind) {
      problems.push({ setting: `${SECTION}.options.${key}`, message: t('is not an Ollama option; ignored.') });
    } else if (!checkOption(kind, value)) {
      problems.push({ setting: `${SECTION}.options.${key}`, message: kind === 'string[]' ? t('must be a list of strings; ignored.') : t('must be a {0}; ignored.', kind) });
    } else {
      options[key] = value as Settings['options'][string];
    }
  }
  return { options, problems };
}

/**
 * Ollama reads a bare number as seconds (`-1` = forever, `0` = unload at once) but a string only as a duration with
 * a unit (`5m`), so `"-1"` typed in the settings is sent as the number -1.
 */
function keepAliveValue(raw: unknown): string | number {
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw !== 'string' || !raw.trim()) return '5m';
  return /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw.trim();
}

/**
 * Reads and validates every setting. Invalid values fall back to defaults and are listed in `problems`;
 * an invalid host is kept as typed so requests fail with a message that names it (see `checkedHost` in hostGuard.ts).
 */
export function readSettings(get: (key: string) => unknown): { settings: Settings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const host = validateHost(get('host') ?? DEFAULT_HOST);
  if (!host.ok) problems.push({ setting: `${SECTION}.host`, message: host.message });
  const model = get('model');
  const modelName = typeof model === 'string' && model.trim() ? model.trim() : DEFAULT_MODEL;
  const systemPrompt = get('systemPrompt');
  const keepAlive = get('keepAlive');
  const { options, problems: optionProblems } = validateOptions(get('options'));
  problems.push(...optionProblems);
  return {
    settings: {
      host: host.ok ? host.host : String(get('host') ?? ''),
      model: modelName,
      systemPrompt: typeof systemPrompt === 'string' ? systemPrompt : '',
      options,
      keepAlive: keepAliveValue(keepAlive),
    },
    problems,
  };
}

/**
 * Parses VS Code's JSON with comments (line and block comments, trailing commas); undefined when it is not valid even
 * then. Strings are copied as they are, so a `//` inside a URL stays.
 */
function parseJsonWithComments(text: string): unknown {
  const json = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\/|,(?=\s*(?:\/\/[^\n]*\s*|\/\*[\s\S]*?\*\/\s*)*[}\]])/g,
    (_match, quoted: string | undefined) => quoted ?? '');
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/**
 * The `ollamaChat.host` that a workspace's settings file asks for, or undefined: `text` is a `.vscode/settings.json`
 * or, with `workspaceFile`, a `.code-workspace` file (its `settings` object), both JSON with comments. VS Code never
 * applies it (the setting is application-scoped); this is only read to tell the user what the workspace wanted.
 */
export function hostInWorkspaceSettings(text: string, workspaceFile = false): string | undefined {
  const root = parseJsonWithComments(text);
  const settings = workspaceFile && root && typeof root === 'object' ? (root as { settings?: unknown }).settings : root;
  const host = settings && typeof settings === 'object' ? (settings as Record<string, unknown>)[`${SECTION}.host`] : undefined;
  return typeof host === 'string' && host.trim() ? host.trim() : undefined;
}
