import { t } from '../../shared/l10n';
/**
 * Ollama's model names, `[host[:port]/][namespace/]model[:tag]`, with the parts Ollama fills in when they are left
 * out (registry.ollama.ai, library, latest) and the characters and lengths it allows in each part
 * (ollama/types/model/name.go). A name can come from an imported conversation or a workspace's settings, and a pull
 * downloads from the registry it names, so names are checked before anything is asked or sent. No `vscode` import.
 */

/** The registry Ollama pulls from when a name does not say: the Ollama library. */
export const DEFAULT_REGISTRY = 'registry.ollama.ai';
const DEFAULT_NAMESPACE = 'library';
const DEFAULT_TAG = 'latest';
/** Longest part of a name quoted back in a message. */
const QUOTE_LENGTH = 40;

/** A valid model name, split into its parts with Ollama's defaults filled in. */
export interface ModelName {
  /** As the user (or the file) wrote it, trimmed: what is sent to Ollama. */
  text: string;
  /** Registry host, with a port if one was given. */
  host: string;
  namespace: string;
  model: string;
  tag: string;
  /** True when the registry is the Ollama library (registry.ollama.ai). */
  fromLibrary: boolean;
}

export type ParsedModelName = { ok: true; name: ModelName } | { ok: false; message: string };

type PartKind = 'host' | 'namespace' | 'model' | 'tag';

const RULES: Record<PartKind, { max: number; pattern: RegExp }> = {
  host: { max: 350, pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*(:\d{1,5})?$/ },
  namespace: { max: 80, pattern: /^[A-Za-z0-9_][A-Za-z0-9_-]*$/ },
  model: { max: 80, pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/ },
  tag: { max: 80, pattern: /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/ },
};

/** A part's name and the characters it may hold, in words (translated when asked, not when the module loads). */
function describePart(kind: PartKind): { label: string; allowed: string } {
  switch (kind) {
    case 'host':
      return { label: t('registry host'), allowed: t('letters, digits, "_", "-" and ".", then optionally ":" and a port number') };
    case 'namespace':
      return { label: t('namespace'), allowed: t('letters, digits, "_" and "-"') };
    case 'model':
      return { label: t('model name'), allowed: t('letters, digits, "_", "-" and "."') };
    case 'tag':
      return { label: t('tag'), allowed: t('letters, digits, "_", "-" and "."') };
  }
}

function quote(text: string): string {
  return `"${text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text}"`;
}

/** What is wrong with one part, in words, or undefined when it is fine. */
function problemWith(kind: PartKind, value: string): string | undefined {
  const rule = RULES[kind];
  const { label, allowed } = describePart(kind);
  if (!value) return t('the {0} is empty', label);
  if (value.length > rule.max) return t('the {0} {1} is too long (at most {2} characters)', label, quote(value), rule.max);
  if (!/^[A-Za-z0-9_]/.test(value)) return t('the {0} {1} must start with a letter, a digit or "_"', label, quote(value));
  if (!rule.pattern.test(value)) return t('the {0} {1} may contain only {2}', label, quote(value), allowed);
  return undefined;
}

/** Checks a model name against Ollama's rules; the message says which part is wrong and what a name looks like. */
export function parseModelName(input: string): ParsedModelName {
  const text = input.trim();
  if (!text) return { ok: false, message: t('Enter a model name, e.g. mistral or llama3.2:3b.') };
  const refuse = (why: string): ParsedModelName => ({ ok: false, message: t('{0} is not a valid model name: {1}. {2}', quote(text), why, t('Model names look like e.g. mistral, llama3.2:3b or registry.example.com/team/model:tag.')) });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return refuse(t('write it without "http://" or "https://"'));
  if (text.includes('@')) return refuse(t('a digest after "@" is not supported here; use a tag'));
  // A ":" after the last "/" starts the tag; one before it belongs to the registry's port.
  const colon = text.lastIndexOf(':');
  const hasTag = colon > text.lastIndexOf('/');
  const tag = hasTag ? text.slice(colon + 1) : DEFAULT_TAG;
  const parts = (hasTag ? text.slice(0, colon) : text).split('/');
  if (parts.length > 3) return refuse(t('it has too many parts: names are at most host/namespace/model:tag'));
  const [host, namespace, model] = parts.length === 3 ? parts
    : parts.length === 2 ? [DEFAULT_REGISTRY, parts[0], parts[1]]
      : [DEFAULT_REGISTRY, DEFAULT_NAMESPACE, parts[0]];
  for (const [kind, value] of [['host', host], ['namespace', namespace], ['model', model], ['tag', tag]] as const) {
    const problem = problemWith(kind, value);
    if (problem) return refuse(problem);
  }
  return { ok: true, name: { text, host, namespace, model, tag, fromLibrary: host.toLowerCase() === DEFAULT_REGISTRY } };
}
