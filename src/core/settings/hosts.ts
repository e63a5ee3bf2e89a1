/**
 * The named list of Ollama hosts: `ollamaChat.host` is always the first entry (the default), then the valid entries of
 * `ollamaChat.hosts`. Nothing but these hosts is ever contacted. Pure: no `vscode`.
 */
import { t } from '../../shared/l10n';
import type { SettingsProblem } from './config';
import { SECTION, validateHost } from './config';

/** One Ollama server the user configured. `url` is checked and normalised; `name` is unique (ignoring case). */
export interface HostEntry {
  name: string;
  url: string;
}

/** The name of `ollamaChat.host` in the list when no entry of `ollamaChat.hosts` names that URL. */
export const DEFAULT_HOST_NAME = 'Default';
/** Longest host name kept: it is shown in the picker, the status bar and error messages. */
export const MAX_HOST_NAME_LENGTH = 60;

function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase() === b.toLocaleLowerCase();
}

/**
 * The host list: the default host (`defaultUrl`, the validated `ollamaChat.host`) first, named `Default` unless an
 * entry of `raw` (`ollamaChat.hosts`) has the same URL and gives it a name; then every other valid entry. Entries
 * without a name, with an invalid URL or with a name already used are left out and reported.
 */
export function readHosts(defaultUrl: string, raw: unknown): { hosts: HostEntry[]; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const setting = `${SECTION}.hosts`;
  const entries: HostEntry[] = [];
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    problems.push({ setting, message: t('must be a list such as [{"name": "GPU box", "url": "http://gpu:11434"}]; ignored.') });
  }
  (Array.isArray(raw) ? raw : []).forEach((item: unknown, i) => {
    const entry = typeof item === 'object' && item !== null ? item as { name?: unknown; url?: unknown } : {};
    const name = typeof entry.name === 'string' ? entry.name.trim().replace(/\s+/g, ' ') : '';
    if (!name || name.length > MAX_HOST_NAME_LENGTH) {
      problems.push({ setting: `${setting}[${i}]`, message: t('needs a "name" of 1 to {0} characters; ignored.', MAX_HOST_NAME_LENGTH) });
      return;
    }
    const url = validateHost(entry.url);
    if (!url.ok) {
      problems.push({ setting: `${setting}[${i}]`, message: t('("{0}"): {1} Ignored.', name, url.message) });
      return;
    }
    entries.push({ name, url: url.host });
  });
  const named = entries.find((e) => e.url === defaultUrl);
  const hosts: HostEntry[] = [{ name: named?.name ?? DEFAULT_HOST_NAME, url: defaultUrl }];
  for (const entry of entries) {
    if (entry === named) continue;
    if (hosts.some((h) => sameName(h.name, entry.name))) {
      problems.push({ setting, message: t('has two hosts named "{0}"; the one at {1} is ignored.', entry.name, entry.url) });
      continue;
    }
    hosts.push(entry);
  }
  return { hosts, problems };
}

/** The configured host called `name` (ignoring case), or undefined when there is none. */
export function findHost(hosts: readonly HostEntry[], name: string | undefined): HostEntry | undefined {
  return name === undefined ? undefined : hosts.find((h) => sameName(h.name, name));
}

/**
 * The host a conversation talks to: the one it names if it is still configured, else the default (the first). An
 * old conversation has no host and uses the default.
 */
export function hostFor(hosts: readonly HostEntry[], name: string | undefined): HostEntry {
  return findHost(hosts, name) ?? hosts[0];
}

/** How a host is named in messages: by name and URL when several are configured, by URL alone when there is one. */
export function hostLabel(hosts: readonly HostEntry[], host: HostEntry): string {
  return hosts.length > 1 ? `"${host.name}" (${host.url})` : host.url;
}

/**
 * Keeps an imported conversation's host only if a host of that name is configured here (spelled as configured); an
 * unknown name is removed, so the conversation uses the default host, and returned for the notice. A file never
 * brings a URL: only names are carried, and only configured hosts are ever contacted.
 */
export function keepKnownHost(conversation: { host?: string }, hosts: readonly HostEntry[]): string | undefined {
  if (conversation.host === undefined) return undefined;
  const known = findHost(hosts, conversation.host);
  const dropped = known ? undefined : conversation.host;
  if (known && known.name !== hosts[0].name) conversation.host = known.name;
  else delete conversation.host;
  return dropped;
}
