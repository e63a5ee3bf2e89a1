/**
 * An optional HTTP header for an Ollama behind an authenticating proxy (e.g. `Authorization: Bearer …`), bound to the
 * origin it was set for: it is sent only to that origin, so changing `ollamaChat.host` (or a redirect, which the
 * client refuses anyway) never hands it to another server. The default host's header has the key it always had; each
 * other host of `ollamaChat.hosts` has its own, one secret per origin. Kept in VS Code's SecretStorage only: never in settings,
 * never in the log. Imports only types from `vscode`.
 */
import type * as vscode from 'vscode';
import { Emitter } from '../../shared/emitter';
import { validateHost } from './config';

const SECRET_KEY = 'ollamaChat.authHeader';
/** The headers of hosts other than the default: one secret per origin, `ollamaChat.authHeader@http://gpu:11434`. */
const HOST_KEY_PREFIX = `${SECRET_KEY}@`;

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
  /** The headers of other hosts, read from secret storage when first needed. */
  private readonly ownHeaders = new Map<string, Promise<BoundHeader | undefined>>();
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
      if (e.key.startsWith(HOST_KEY_PREFIX)) this.ownHeaders.delete(e.key.slice(HOST_KEY_PREFIX.length));
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

  /** The header set for `origin` as a host of its own (not the default's), if any. */
  private ownHeader(origin: string): Promise<BoundHeader | undefined> {
    let header = this.ownHeaders.get(origin);
    if (!header) {
      header = Promise.resolve(this.secrets.get(HOST_KEY_PREFIX + origin)).then((raw) => {
        const stored = readStoredHeader(raw, origin).header;
        return stored?.origin === origin ? stored : undefined;
      });
      this.ownHeaders.set(origin, header);
    }
    return header;
  }

  /** The header that goes to `origin`: its own, else the default host's if that was set for this origin. */
  private async headerFor(origin: string | undefined): Promise<BoundHeader | undefined> {
    await this.loaded;
    if (!origin) return undefined;
    return (await this.ownHeader(origin)) ?? (this.header?.origin === origin ? this.header : undefined);
  }

  /**
   * Headers for a request to `host`: the header set for that origin, else none. When the default host changed and
   * the header is still bound to the old one, `onDidWithhold` tells (once per origin).
   */
  async headersFor(host: string): Promise<Record<string, string> | undefined> {
    const origin = originOf(host);
    const header = await this.headerFor(origin);
    if (header) return { [header.name]: header.value };
    if (!this.header) return undefined;
    // Another configured host without a header of its own is not offered the default's: it was never meant for it.
    if (origin && origin === originOf(this.hostNow()) && !this.withheldFrom.has(origin)) {
      this.withheldFrom.add(origin);
      this.withheld.fire({ name: this.header.name, boundTo: this.header.origin, origin });
    }
    return undefined;
  }

  /**
   * The header's name and origin (for messages); the value is never shown. With `host`: the header that host gets,
   * or else the default host's (whose origin then says it is not sent there).
   */
  async describe(host?: string): Promise<{ name: string; origin: string } | undefined> {
    const header = (host === undefined ? undefined : await this.headerFor(originOf(host))) ?? (await this.loaded, this.header);
    return header && { name: header.name, origin: header.origin };
  }

  /**
   * Stores a header (`Name: value` or a bare Authorization value) for `host`'s origin; an empty text removes it. The
   * default host's header replaces the one stored before; another host's is kept beside it, under its own key.
   */
  async set(text: string, host: string): Promise<void> {
    const parsed = parseHeader(text);
    const origin = originOf(host);
    if (!origin) return this.store(undefined);
    const header = parsed ? { ...parsed, origin } : undefined;
    if (origin !== originOf(this.hostNow())) {
      if (header) await this.secrets.store(HOST_KEY_PREFIX + origin, storedForm(header));
      else await this.secrets.delete(HOST_KEY_PREFIX + origin);
      this.ownHeaders.set(origin, Promise.resolve(header));
      return;
    }
    // A header kept for this origin as another host's would otherwise still win over the one set now.
    await this.secrets.delete(HOST_KEY_PREFIX + origin);
    this.ownHeaders.set(origin, Promise.resolve(undefined));
    await this.store(header);
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
