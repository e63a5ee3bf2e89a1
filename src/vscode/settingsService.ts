/**
 * The VS Code side of the settings: reads `ollamaChat.*` through `readSettings`, caches the result, re-reads on
 * change and reports invalid values once in the log.
 */
import vscode = require('vscode');
import type { Settings } from '../core/settings/config';
import { readSettings, SECTION } from '../core/settings/config';
import type { HostEntry } from '../core/settings/hosts';
import { readHosts } from '../core/settings/hosts';

export class SettingsService implements vscode.Disposable {
  private cached: Settings | undefined;
  private cachedHosts: HostEntry[] | undefined;
  private readonly changed = new vscode.EventEmitter<Settings>();
  /** Fires after any `ollamaChat.*` setting changed, with the new values. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.cached = undefined;
      this.cachedHosts = undefined;
      this.changed.fire(this.current());
    });
  }

  /** The settings now, validated. */
  current(): Settings {
    if (!this.cached) {
      const config = vscode.workspace.getConfiguration(SECTION);
      const { settings, problems } = readSettings((key) => config.get(key));
      for (const p of problems) this.log.warn(`Setting ${p.setting} ${p.message}`);
      this.cached = settings;
    }
    return this.cached;
  }

  /**
   * The Ollama hosts, the default (`ollamaChat.host`) first. `ollamaChat.hosts` is read from the user's settings
   * only: a workspace's settings (which a repository can ship) never add a host, trusted or not.
   */
  hosts(): HostEntry[] {
    if (!this.cachedHosts) {
      const own = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('hosts')?.globalValue;
      const { hosts, problems } = readHosts(this.current().host, own);
      for (const p of problems) this.log.warn(`Setting ${p.setting} ${p.message}`);
      this.cachedHosts = hosts;
    }
    return this.cachedHosts;
  }

  /**
   * Where the system prompt in effect comes from: the workspace's settings (which a repository can ship, so the
   * view says so) or the user's. In Restricted Mode VS Code ignores the workspace's value, and so does this.
   */
  systemPromptSource(): 'user' | 'workspace' {
    const inspect = vscode.workspace.getConfiguration(SECTION).inspect<string>('systemPrompt');
    const fromWorkspace = inspect?.workspaceFolderValue ?? inspect?.workspaceValue;
    return fromWorkspace !== undefined && fromWorkspace === this.current().systemPrompt ? 'workspace' : 'user';
  }

  /** Stores the model choice where the user keeps it (workspace if set there, else user settings). */
  async setModel(model: string): Promise<void> {
    const config = vscode.workspace.getConfiguration(SECTION);
    const inspect = config.inspect<string>('model');
    const target = inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('model', model, target);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
