/**
 * One Ollama client per configured host, and the host each conversation talks to. A client is only ever made for a
 * host of the list (`hosts()`), so nothing else can be contacted; each sends the auth header bound to its own host.
 * No `vscode` import.
 */
import type { HostEntry } from '../settings/hosts';
import { DEFAULT_HOST_NAME, hostFor } from '../settings/hosts';
import { OllamaClient } from './ollamaClient';

/** A host and the client that talks to it. */
export interface HostTarget extends HostEntry {
  client: OllamaClient;
}

/** What the chat needs to reach the hosts: the list, and the target of a conversation's host name. */
export interface HostRouting {
  /** Every configured host, the default first. */
  list(): HostEntry[];
  /** The host called `name`, or the default when the name is absent or no longer configured. */
  target(name?: string): HostTarget;
}

export class HostRouter implements HostRouting {
  private readonly clients = new Map<string, OllamaClient>();

  /**
   * `hosts` is read anew on every call (settings can change at any time); `headersFor` gives the headers for a
   * request to a URL (the auth header bound to that origin, if any).
   */
  constructor(
    private readonly hosts: () => HostEntry[],
    private readonly headersFor: (url: string) => Promise<Record<string, string> | undefined>,
  ) {}

  list(): HostEntry[] {
    return this.hosts();
  }

  target(name?: string): HostTarget {
    const host = hostFor(this.hosts(), name);
    let client = this.clients.get(host.url);
    if (!client) {
      const url = host.url;
      client = new OllamaClient(async () => ({ host: url, headers: await this.headersFor(url) }));
      this.clients.set(url, client);
    }
    return { ...host, client };
  }
}

/** The routing of a single host: what a chat without a host list (tests, benchmarks, the public API's tests) uses. */
export function singleHost(client: OllamaClient, url: () => string): HostRouting {
  return {
    list: () => [{ name: DEFAULT_HOST_NAME, url: url() }],
    target: () => ({ name: DEFAULT_HOST_NAME, url: url(), client }),
  };
}
