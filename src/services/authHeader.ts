/**
 * An optional HTTP header for an Ollama behind an authenticating proxy (e.g. `Authorization: Bearer …`).
 * Kept in VS Code's SecretStorage only: never in settings, never in the log.
 */
import type * as vscode from 'vscode';

const SECRET_KEY = 'ollamaChat.authHeader';

/** Parses `Name: value`; a bare value means `Authorization: value`. Undefined for an empty or malformed header. */
export function parseHeader(text: string): { name: string; value: string } | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const match = /^([A-Za-z0-9-]+)\s*:\s*(.+)$/.exec(trimmed);
  const header = match ? { name: match[1], value: match[2].trim() } : { name: 'Authorization', value: trimmed };
  // A header value with a line break could smuggle another header.
  return /[\r\n]/.test(header.value) ? undefined : header;
}

export class AuthHeader implements vscode.Disposable {
  private header: { name: string; value: string } | undefined;
  private readonly subscription: vscode.Disposable;
  private loaded: Promise<void>;


  /** Starts reading the stored header (not awaited at activation: secret storage can take tens of ms). */
  constructor(private readonly secrets: vscode.SecretStorage) {
    this.loaded = this.reload();
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key === SECRET_KEY) this.loaded = this.reload();
    });
  }

  private async reload(): Promise<void> {
    this.header = parseHeader((await this.secrets.get(SECRET_KEY)) ?? '');
  }

  /** Headers to send with every request to Ollama, once the stored header has been read. */
  async headers(): Promise<Record<string, string> | undefined> {
    await this.loaded;
    return this.header ? { [this.header.name]: this.header.value } : undefined;
  }

  /** The header's name only (for messages); the value is never shown. */
  headerName(): string | undefined {
    return this.header?.name;
  }

  /** Stores a header (`Name: value` or a bare Authorization value); an empty text removes it. */
  async set(text: string): Promise<void> {
    const header = parseHeader(text);
    if (header) await this.secrets.store(SECRET_KEY, `${header.name}: ${header.value}`);
    else await this.secrets.delete(SECRET_KEY);
    this.header = header;
    this.loaded = Promise.resolve();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
