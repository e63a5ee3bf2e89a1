/**
 * A repository's settings cannot choose where chats go: `ollamaChat.host` is application-scoped, so VS Code ignores
 * it in `.vscode/settings.json` and in `.code-workspace` files. This tells the user, once per workspace and host, that
 * a workspace asked for another host, and lets them adopt it deliberately (a modal naming it, then user settings).
 */
import vscode = require('vscode');
import { hostInWorkspaceSettings, SECTION, validateHost } from '../core/settings/config';
import type { SettingsService } from './settingsService';

/** workspaceState key: the hosts this workspace asked for that the user was already told about. */
const TOLD_KEY = 'ollamaChat.workspaceHostsTold';

/** Reads a file, or undefined when there is none (or it cannot be read: then there is nothing to tell). */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** The hosts the open workspace's settings files ask for, each with the file that asks. */
async function hostsAskedFor(): Promise<{ host: string; file: vscode.Uri }[]> {
  const files = (vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'), workspaceFile: false }));
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push({ uri: workspaceFile, workspaceFile: true });
  const found: { host: string; file: vscode.Uri }[] = [];
  for (const { uri, workspaceFile: isWorkspaceFile } of files) {
    const text = await readText(uri);
    const host = text === undefined ? undefined : hostInWorkspaceSettings(text, isWorkspaceFile);
    if (host) found.push({ host, file: uri });
  }
  return found;
}

/** Watches the workspace's settings files and tells the user about a host they ask for (once per workspace and host). */
export class WorkspaceHostNotice implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private checking: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly settings: SettingsService,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/settings.json');
    const recheck = () => void this.check();
    this.disposables.push(
      watcher, watcher.onDidCreate(recheck), watcher.onDidChange(recheck),
      vscode.workspace.onDidChangeWorkspaceFolders(recheck),
      vscode.workspace.onDidChangeConfiguration(recheck),
    );
  }

  /**
   * Looks at the workspace's settings files now and shows a notice for each host not told about yet; resolves once
   * the notices are shown (not answered). Checks run one after the other, so a host is never told about twice.
   */
  check(): Promise<void> {
    this.checking = this.checking.then(() => this.tellAboutNewHosts());
    return this.checking;
  }

  private async tellAboutNewHosts(): Promise<void> {
    const told = this.state.get<string[]>(TOLD_KEY, []);
    for (const { host, file } of await hostsAskedFor()) {
      const current = this.settings.current().host;
      const normalised = validateHost(host);
      if (told.includes(host) || (normalised.ok && normalised.host === current)) continue;
      told.push(host);
      await this.state.update(TOLD_KEY, told);
      this.log.warn(`${vscode.workspace.asRelativePath(file)} sets ollamaChat.host to ${host}; ignored (only user settings choose the host).`);
      void this.offer(host, current);
    }
  }

  /** The notice, then (only if the user asks) a modal naming the host before it is written to the user settings. */
  private async offer(host: string, current: string): Promise<void> {
    const use = vscode.l10n.t('Use {0}…', host);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('This workspace\'s settings ask Ollama Chat to send your chats to {0}. Ollama Chat ignores that and keeps using {1} from your user settings.', host, current),
      use, vscode.l10n.t('Keep My Host'));
    if (choice !== use) return;
    const confirm = vscode.l10n.t('Send Chats to {0}', host);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Send your chats, selections and attached files to {0}?', host),
      { modal: true, detail: vscode.l10n.t('This sets ollamaChat.host in your user settings, for every window. Only do it if you know {0} is an Ollama you trust.', host) },
      confirm);
    if (answer !== confirm) return;
    await vscode.workspace.getConfiguration(SECTION).update('host', host, vscode.ConfigurationTarget.Global);
    this.log.info(`ollamaChat.host set to ${host} in the user settings, as this workspace asked and the user confirmed.`);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
