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

  private constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key === SECRET_KEY) await this.reload();
    });
  }

  /** Reads the stored header (if any) and follows changes made from other windows. */
  static async load(secrets: vscode.SecretStorage): Promise<AuthHeader> {
    const auth = new AuthHeader(secrets);
    await auth.reload();
    return auth;
  }

  private async reload(): Promise<void> {
    this.header = parseHeader((await this.secrets.get(SECRET_KEY)) ?? '');
  }

  /** Headers to send with every request to Ollama. */
  headers(): Record<string, string> | undefined {
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
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
