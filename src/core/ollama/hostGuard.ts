/**
 * The rule every request to Ollama passes through: it goes to the host in the settings and nowhere else. The Ollama
 * client builds its `fetch` from here, so chat, generate, the model list, pull, delete, Test Connection, Diagnose,
 * `@ollama` and the language-model provider cannot skip it. No `vscode` import.
 */
import { validateHost } from '../settings/config';
import { ChatError } from './errors';
import { t } from '../../shared/l10n';

/** The statuses `fetch` would follow on its own. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The settings' host, checked and normalised (no trailing slash); throws an `invalidHost` `ChatError` in user words
 * before anything is sent when it is not an absolute http(s) URL without credentials.
 */
export function checkedHost(host: string): string {
  const check = validateHost(host);
  if (!check.ok) throw new ChatError('invalidHost', check.message);
  return check.host;
}

/**
 * The host a user would put in the settings to reach `target` directly: when the target ends with the path that was
 * asked for (`…/api/tags`), what comes before it; otherwise the target's origin.
 */
function hostBehind(target: URL, requested: URL): string {
  const prefix = target.pathname.endsWith(requested.pathname) ? target.pathname.slice(0, -requested.pathname.length) : '';
  return `${target.origin}${prefix}`;
}

/** The refusal of a redirect, naming both ends and the one setting that would fix it. */
function redirectError(host: string, requested: URL, status: number, location: string | null): ChatError {
  if (!location) {
    return new ChatError('redirected', t('Ollama at {0} answered with a redirect (HTTP {1}) that names no target; Ollama Chat only talks to the host in your settings.', host, status),
      t('Check ollamaChat.host, or the proxy in front of Ollama.'));
  }
  let target: URL;
  try {
    target = new URL(location, requested);
  } catch {
    return new ChatError('redirected', t('Ollama at {0} redirected the request to "{1}", which is not a URL; Ollama Chat only talks to the host in your settings.', host, location.slice(0, 200)),
      t('Check ollamaChat.host, or the proxy in front of Ollama.'));
  }
  const suggestion = hostBehind(target, requested);
  // The target is the server's text: shown as it is, but not a whole screen of it.
  const shown = target.href.length > 300 ? `${target.href.slice(0, 300)}…` : target.href;
  return new ChatError('redirected', t('Ollama at {0} redirected the request to {1}; Ollama Chat only talks to the host in your settings.', host, shown),
    t('If {0} is your Ollama, set ollamaChat.host to {1}.', suggestion, suggestion));
}

/**
 * A `fetch` that follows no redirect. Redirects are refused even within the same origin: Ollama's own API never
 * redirects, so one means a proxy or another server answers at this address; following it would send the chat (and
 * the auth header) wherever that answer points, and a 301/302/303 would silently turn a POST into a GET without its
 * body. The error names the target, so fixing `ollamaChat.host` is one step. `host` is the checked settings host.
 */
export function noRedirectFetch(host: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, { ...init, redirect: 'manual' });
    if (!REDIRECTS.has(response.status)) return response;
    await response.body?.cancel();
    const requested = new URL(input instanceof Request ? input.url : String(input));
    throw redirectError(host, requested, response.status, response.headers.get('location'));
  };
}
