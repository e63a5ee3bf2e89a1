/**
 * The workspace's files for `@` mentions: listed once with `findFiles` (honouring `files.exclude` and
 * `search.exclude`, never `node_modules` or `.git`), prepared for fuzzy matching, and kept until a file is created or
 * deleted (a file watcher drops the list; the next `@` lists again). Filtering runs here in the extension host, next
 * to the list, so only the few rows shown cross to the webview.
 */
import vscode = require('vscode');
import type { FuzzyCandidate } from '../core/mentions/fuzzyMatch';
import { fuzzyCandidate } from '../core/mentions/fuzzyMatch';

/** More files than any list can show; a workspace beyond this is cut (its first files by VS Code's order). */
export const MAX_INDEXED_FILES = 50_000;

/** A workspace file: its URI and the path shown (relative to its workspace folder). */
export interface IndexedFile {
  uri: vscode.Uri;
  path: string;
}

/** Always left out: never what someone means by a file of their project. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.git/**'];

function excludeGlob(): string {
  const patterns = new Set(ALWAYS_EXCLUDED);
  for (const section of ['files.exclude', 'search.exclude']) {
    const map = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [pattern, on] of Object.entries(map)) if (on === true) patterns.add(pattern);
  }
  return `{${[...patterns].join(',')}}`;
}

export class WorkspaceFileIndex implements vscode.Disposable {
  private files: Promise<FuzzyCandidate<IndexedFile>[]> | undefined;
  private folders: FuzzyCandidate<IndexedFile>[] | undefined;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const invalidate = () => this.invalidate();
    this.subscriptions = [
      this.watcher.onDidCreate(invalidate),
      this.watcher.onDidDelete(invalidate),
      vscode.workspace.onDidChangeWorkspaceFolders(invalidate),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) invalidate();
      }),
    ];
  }

  /** The workspace's files, listed now or earlier (when nothing was created or deleted since). */
  list(): Promise<FuzzyCandidate<IndexedFile>[]> {
    this.files ??= this.scan();
    return this.files;
  }

  /** The folders holding the workspace's files, derived from the same list. */
  async listFolders(): Promise<FuzzyCandidate<IndexedFile>[]> {
    const files = await this.list();
    if (!this.folders) {
      const seen = new Map<string, IndexedFile>();
      for (const { item } of files) {
        let path = item.path;
        let uri = item.uri;
        for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/')) {
          path = path.slice(0, slash);
          uri = vscode.Uri.joinPath(uri, '..');
          if (seen.has(path)) break;
          seen.set(path, { uri, path });
        }
      }
      this.folders = [...seen.values()].map((f) => fuzzyCandidate(f, f.path));
    }
    return this.folders;
  }

  invalidate(): void {
    this.files = undefined;
    this.folders = undefined;
  }

  dispose(): void {
    this.watcher.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private async scan(): Promise<FuzzyCandidate<IndexedFile>[]> {
    const uris = await vscode.workspace.findFiles('**/*', excludeGlob(), MAX_INDEXED_FILES);
    const files = uris.map((uri) => ({ uri, path: vscode.workspace.asRelativePath(uri, false) }));
    files.sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
    return files.map((f) => fuzzyCandidate(f, f.path));
  }
}
