/**
 * The staged changes of the repository the user works in, for `/commit`, through VS Code's Git extension API
 * (`vscode.git`, API version 1). Says in user words when Git is not available, there is no repository, or nothing
 * is staged.
 */
import vscode = require('vscode');
import { ChatError } from '../core/ollama/errors';

/** The part of the Git extension's API used here (see extensions/git/src/api/git.d.ts in VS Code). */
interface GitRepository {
  readonly rootUri: vscode.Uri;
  diff(cached?: boolean): Promise<string>;
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The repository of the active editor's file, else the only (or first) one open. */
async function currentRepository(): Promise<GitRepository> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) throw new ChatError('invalidPrompt', vscode.l10n.t('/commit needs VS Code\'s Git extension, which is not available here.'));
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) throw new ChatError('invalidPrompt', vscode.l10n.t('/commit needs Git: turn on the "git.enabled" setting, then send again.'));
  const api = git.getAPI(1);
  const active = vscode.window.activeTextEditor?.document.uri;
  const repository = (active && api.getRepository(active)) || api.repositories[0];
  if (!repository) {
    throw new ChatError('invalidPrompt', vscode.l10n.t('/commit found no Git repository in this workspace. Open a folder that is a Git repository (or run "Git: Initialize Repository"), stage your changes, then send again.'));
  }
  return repository;
}

/** The diff of the staged changes (`git diff --cached`); throws in user words when there are none. */
export async function stagedDiff(): Promise<string> {
  const repository = await currentRepository();
  // Asks git itself (`diff --cached`): the extension's own view of the index may lag behind a `git add` in a terminal.
  const diff = await repository.diff(true);
  if (!diff.trim()) {
    const where = vscode.workspace.asRelativePath(repository.rootUri, false);
    throw new ChatError('invalidPrompt', where
      ? vscode.l10n.t('Nothing is staged in {0}. Stage the changes to describe (Source Control: +), then send /commit again.', where)
      : vscode.l10n.t('Nothing is staged in the repository. Stage the changes to describe (Source Control: +), then send /commit again.'));
  }
  return diff;
}
