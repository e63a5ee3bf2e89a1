/**
 * An optional HTTP header for an Ollama behind an authenticating proxy (e.g. `Authorization: Bearer …`), bound to the
 * origin it was set for: it is sent only to that origin, so changing `ollamaChat.host` (or a redirect, which the
 * client refuses anyway) never hands it to another server. Kept in VS Code's SecretStorage only: never in settings,
 * never in the log. Imports only types from `vscode`.
 */
import type * as vscode from 'vscode';
import { Emitter } from '../../shared/emitter';
import { validateHost } from './config';

const SECRET_KEY = 'ollamaChat.authHeader';

/** A header and the origin (`http://host:port`) it may be sent to. */
export interface BoundHeader {
  name: string;
  value: string;
  origin: string;
}

/** Parses `Name: value`; a bare value means `Authorization: value`. Undefined for an empty or malformed header. */
export function parseHeader(text: string): { name: string; value: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const match = /^([A-Za-z0-9-]+)\s*:\s*(.+)$/.exec(trimmed);
  const header = match ? { name: match[1], value: match[2].trim() } : { name: 'Authorization', value: trimmed };
  // A header value with a line break could smuggle another header.
  return /[\r\n]/.test(header.value) ? undefined : header;
}

/** The origin requests to `host` go to, or undefined when the host setting is not a valid http(s) URL. */
export function originOf(host: string): string | undefined {
  const check = validateHost(host);
  return check.ok ? new URL(check.host).origin : undefined;
}

/**
 * Reads what SecretStorage holds. The current form is JSON with the origin; an earlier version stored the bare
 * `Name: value` text, which is bound to `hostNow`'s origin (`migrated`), the host it was being sent to.
 */
export function readStoredHeader(raw: string | undefined, hostNow: string): { header?: BoundHeader; migrated: boolean } {
  if (!raw?.trim()) return { migrated: false };
  if (raw.trim().startsWith('{')) {
    try {
      const stored = JSON.parse(raw) as { origin?: unknown; header?: unknown };
      const header = typeof stored.header === 'string' ? parseHeader(stored.header) : undefined;
      const origin = typeof stored.origin === 'string' ? originOf(stored.origin) : undefined;
      return { header: header && origin ? { ...header, origin } : undefined, migrated: false };
    } catch {
      return { migrated: false };
    }
  }
  const header = parseHeader(raw);
  const origin = originOf(hostNow);
  return { header: header && origin ? { ...header, origin } : undefined, migrated: true };
}

function storedForm(header: BoundHeader): string {
  return JSON.stringify({ origin: header.origin, header: `${header.name}: ${header.value}` });
}

export class AuthHeader implements vscode.Disposable {
  private header: BoundHeader | undefined;
  private readonly subscription: vscode.Disposable;
  private loaded: Promise<void>;
  private readonly withheldFrom = new Set<string>();
  private readonly withheld = new Emitter<{ name: string; boundTo: string; origin: string }>();
  /** Fires once per origin (per session) when the header was not sent there because it is bound to another one. */
  readonly onDidWithhold = this.withheld.event;

  /**
   * Starts reading the stored header (not awaited at activation: secret storage can take tens of ms). `hostNow` is
   * the host setting, used once to bind a header stored by an earlier version; `log` says when that happens.
   */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly hostNow: () => string,
    private readonly log: (message: string) => void,
  ) {
    this.loaded = this.reload();
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key === SECRET_KEY) this.loaded = this.reload();
    });
  }

  private async reload(): Promise<void> {
    const { header, migrated } = readStoredHeader(await this.secrets.get(SECRET_KEY), this.hostNow());
    this.header = header;
    if (migrated && header) {
      await this.secrets.store(SECRET_KEY, storedForm(header));
      this.log(`The ${header.name} auth header saved by an earlier version was not tied to a host; it is now sent only to ${header.origin}, the host configured now.`);
    }
  }

  /** Headers for a request to `host`: the stored header if it was set for that origin, else none. */
  async headersFor(host: string): Promise<Record<string, string> | undefined> {
    await this.loaded;
    if (!this.header) return undefined;
    const origin = originOf(host);
    if (origin === this.header.origin) return { [this.header.name]: this.header.value };
    if (origin && !this.withheldFrom.has(origin)) {
      this.withheldFrom.add(origin);
      this.withheld.fire({ name: this.header.name, boundTo: this.header.origin, origin });
    }
    return undefined;
  }

  /** The header's name and origin (for messages); the value is never shown. */
  async describe(): Promise<{ name: string; origin: string } | undefined> {
    await this.loaded;
    return this.header && { name: this.header.name, origin: this.header.origin };
  }

  /** Stores a header (`Name: value` or a bare Authorization value) for `host`'s origin; an empty text removes it. */
  async set(text: string, host: string): Promise<void> {
    const parsed = parseHeader(text);
    const origin = originOf(host);
    await this.store(parsed && origin ? { ...parsed, origin } : undefined);
  }

  /** Sends the stored header to `origin` from now on (and no longer to the one it was set for): the user said so. */
  async bindTo(origin: string): Promise<void> {
    await this.loaded;
    if (this.header) await this.store({ ...this.header, origin });
  }

  private async store(header: BoundHeader | undefined): Promise<void> {
    if (header) await this.secrets.store(SECRET_KEY, storedForm(header));
    else await this.secrets.delete(SECRET_KEY);
    this.header = header;
    this.withheldFrom.clear();
    this.loaded = Promise.resolve();
  }

  dispose(): void {
    this.subscription.dispose();
    this.withheld.dispose();
  }
}
