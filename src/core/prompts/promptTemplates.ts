/**
 * Prompt templates behind the composer's `/` commands: the built-ins, the user's own, and expanding one with its
 * `{{placeholders}}`. Pure: the values (the editor's selection, the staged diff, …) come from the caller, which reads
 * them only when the template uses them. A template with a placeholder we do not know is never sent.
 */
import { t } from '../../shared/l10n';
import { ChatError } from '../ollama/errors';

/** The placeholders a template may use. */
export const PLACEHOLDERS = ['selection', 'file', 'language', 'input', 'diff'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Where a template comes from; `workspace` ones (settings or `.vscode/ollama-chat/*.md`) ship with the repository. */
export type TemplateSource = 'built-in' | 'user' | 'workspace';

export interface PromptTemplate {
  /** What follows the `/`: letters, digits, `-` and `_`. */
  name: string;
  description: string;
  prompt: string;
  source: TemplateSource;
  /** The file or setting it was read from, shown in the list (empty for built-ins). */
  origin: string;
}

const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** A valid template name: what a user can type after `/` without spaces. */
export const TEMPLATE_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/;

function builtIn(name: string, description: string, prompt: string): PromptTemplate {
  return { name, description, prompt, source: 'built-in', origin: '' };
}

/** The templates every user has. `{{input}}` is what is typed after the command (`/fix it crashes on empty input`). */
export const BUILT_IN_TEMPLATES: readonly PromptTemplate[] = [
  builtIn('explain', 'Explain the selected code', 'Explain what this {{language}} code from `{{file}}` does, step by step.\n\n{{selection}}\n\n{{input}}'),
  builtIn('fix', 'Find and fix bugs in the selected code', 'Find the bugs in this {{language}} code from `{{file}}` and show the fixed code, saying what was wrong.\n\n{{selection}}\n\n{{input}}'),
  builtIn('tests', 'Write unit tests for the selected code', 'Write unit tests for this {{language}} code from `{{file}}`, covering normal cases, edge cases and errors.\n\n{{selection}}\n\n{{input}}'),
  builtIn('doc', 'Write documentation comments for the selected code', 'Write documentation comments for this {{language}} code from `{{file}}`, in the style usual for {{language}}, and show the code with them.\n\n{{selection}}\n\n{{input}}'),
  builtIn('commit', 'Write a commit message for the staged changes', 'Write a commit message for these staged changes: a summary line of at most 72 characters, a blank line, then what changed and why.\n\n{{diff}}\n\n{{input}}'),
];

/** The placeholders of `prompt` that are not in `PLACEHOLDERS`, each once, as written. */
export function unknownPlaceholders(prompt: string): string[] {
  const unknown = new Set<string>();
  for (const match of prompt.matchAll(PLACEHOLDER_RE)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

/** Splits `/name rest` into the command's name and what follows it; undefined when the text is not a command. */
export function parseSlashCommand(text: string): { name: string; input: string } | undefined {
  const match = /^\/([A-Za-z0-9][A-Za-z0-9_-]*)(?:\s+([\s\S]*))?$/.exec(text.trimStart());
  return match ? { name: match[1]!, input: (match[2] ?? '').trim() } : undefined;
}

/** Reads the value of a placeholder; throws a `ChatError` in user words when it has none (no selection, no repo). */
export type PlaceholderReader = (placeholder: Exclude<Placeholder, 'input'>) => string | Promise<string>;

/**
 * The message a template makes: each placeholder replaced by its value (read once, only if used), blank lines left
 * by empty values folded. Throws a `ChatError` naming the template and the placeholder when one is unknown.
 */
export async function expandTemplate(template: PromptTemplate, input: string, read: PlaceholderReader): Promise<string> {
  const unknown = unknownPlaceholders(template.prompt);
  if (unknown.length) {
    const used = unknown.map((u) => `{{${u}}}`).join(', ');
    const known = PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ');
    throw new ChatError('invalidPrompt', template.origin
      ? t('The template /{0} uses {1}, which is not a placeholder. Use {2}, then send again (fix it in {3}).', template.name, used, known, template.origin)
      : t('The template /{0} uses {1}, which is not a placeholder. Use {2}, then send again.', template.name, used, known));
  }
  const values = new Map<string, string>([['input', input]]);
  for (const match of template.prompt.matchAll(PLACEHOLDER_RE)) {
    const name = match[1] as Placeholder;
    if (!values.has(name)) values.set(name, await read(name as Exclude<Placeholder, 'input'>));
  }
  const text = template.prompt.replace(PLACEHOLDER_RE, (_m, name: string) => values.get(name) ?? '');
  return text.replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * All templates by name: built-ins first, then the user's, then the workspace's; a later one with the same name
 * replaces an earlier one (so a repository can tune `/commit` for its conventions, and the list shows where from).
 */
export function mergeTemplates(...lists: readonly (readonly PromptTemplate[])[]): PromptTemplate[] {
  const byName = new Map<string, PromptTemplate>();
  for (const list of lists) for (const t of list) byName.set(t.name.toLowerCase(), t);
  return [...byName.values()];
}

/**
 * Reads the `ollamaChat.promptTemplates` setting (an object: name → prompt text) from one scope; entries that are not
 * a valid name with a string are reported in `problems` and skipped.
 */
export function templatesFromSetting(raw: unknown, source: TemplateSource, origin: string): { templates: PromptTemplate[]; problems: string[] } {
  const templates: PromptTemplate[] = [];
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { templates, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { templates, problems: [`${origin} must be an object such as {"review": "Review {{selection}}"}; ignored.`] };
  for (const [name, prompt] of Object.entries(raw as Record<string, unknown>)) {
    if (!TEMPLATE_NAME_RE.test(name) || typeof prompt !== 'string') {
      problems.push(`${origin}: "${name}" needs a name of letters, digits, - or _ and a text; ignored.`);
      continue;
    }
    templates.push({ name, description: firstLine(prompt), prompt, source, origin });
  }
  return { templates, problems };
}

/**
 * A template from a `.vscode/ollama-chat/<name>.md` file: the file name is the command, the text is the prompt; a first
 * line `<!-- description -->` is its description in the list (and not part of the prompt).
 */
export function templateFromFile(fileName: string, text: string, origin: string): PromptTemplate | undefined {
  const name = fileName.replace(/\.md$/i, '');
  if (!TEMPLATE_NAME_RE.test(name)) return undefined;
  const normalized = text.replace(/\r\n/g, '\n');
  const comment = /^<!--\s*([\s\S]*?)\s*-->\n?/.exec(normalized);
  const prompt = comment ? normalized.slice(comment[0].length) : normalized;
  return { name, description: comment?.[1] || firstLine(prompt), prompt: prompt.trim(), source: 'workspace', origin };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
