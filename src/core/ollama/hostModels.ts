/**
 * The models of every configured host, asked in parallel with a short time limit each, so one host that is down or
 * slow never holds up the others. No `vscode` import.
 */
import type { ModelDto, UserFacingError } from '../../shared/types';
import type { HostEntry } from '../settings/hosts';
import { hostLabel } from '../settings/hosts';
import { t } from '../../shared/l10n';
import { describeError } from './errors';
import type { HostRouting } from './hostRouter';
import { sameModel } from './ollamaClient';

/** How long a host may take to list its models before it counts as unreachable (a model list is small and fast). */
export const HOST_LIST_TIMEOUT_MS = 4000;

/** What one host answered: its models, or why it could not be asked. */
export type HostModels = { host: HostEntry; models: ModelDto[] } | { host: HostEntry; error: UserFacingError };

/** Asks one host for its models; never rejects. */
async function modelsOf(hosts: HostRouting, host: HostEntry, timeoutMs: number): Promise<HostModels> {
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return { host, models: await hosts.target(host.name).client.listModels(timeout) };
  } catch (err) {
    const label = hostLabel(hosts.list(), host);
    if (timeout.aborted) {
      return { host, error: { kind: 'notRunning', message: t('Ollama at {0} did not answer within {1} s.', label, timeoutMs / 1000), actions: [] } };
    }
    return { host, error: describeError(err, { host: label, model: '' }) };
  }
}

/**
 * One promise per configured host (in the list's order), each resolving with what that host answered, so a caller
 * can show each host as soon as it answers.
 */
export function modelsOnEachHost(hosts: HostRouting, timeoutMs = HOST_LIST_TIMEOUT_MS): Promise<HostModels>[] {
  return hosts.list().map((host) => modelsOf(hosts, host, timeoutMs));
}

/** The names of the hosts other than `except` that have `model` installed (asked through `/api/tags`). */
export async function otherHostsWith(hosts: HostRouting, except: string, model: string, timeoutMs = HOST_LIST_TIMEOUT_MS): Promise<string[]> {
  const others = hosts.list().filter((h) => h.name !== except);
  const answers = await Promise.all(others.map((host) => modelsOf(hosts, host, timeoutMs)));
  return answers.filter((a) => 'models' in a && a.models.some((m) => sameModel(model, m.name))).map((a) => a.host.name);
}

/** `error` with a "Use <host>" way forward for each of `hostNames` (which switches the conversation and resends). */
export function withHostOffers(error: UserFacingError, hostNames: string[], model: string): UserFacingError {
  if (!hostNames.length) return error;
  // A whole sentence per case, so a translation need not agree with an English verb.
  const offer = hostNames.length === 1
    ? t('"{0}" has {1} too.', hostNames[0], model)
    : t('{0} have {1} too.', hostNames.map((n) => t('"{0}"', n)).join(', '), model);
  return {
    ...error,
    detail: `${error.detail ? `${error.detail} ` : ''}${offer}`,
    actions: [...hostNames.map((host) => ({ id: 'useHost' as const, label: t('Use {0}', host), host })), ...error.actions],
  };
}
