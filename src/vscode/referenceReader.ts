/**
 * Reads what a mention or a chat reference names, at the moment the message is sent: a file (as the editor has it,
 * unsaved changes included), a range of a file, the problems of a file, or a folder's tree. A file that is gone or
 * binary gives a reason in user words instead of text, so the message goes without it and says so.
 */
import vscode = require('vscode');
import type { ReferenceContent } from '../core/prompts/references';

/** Bytes looked at to tell a binary file from text (as git does: a NUL byte in the start means binary). */
const BINARY_SNIFF_BYTES = 8000;
/** A folder's tree lists at most this many entries and goes this deep: its shape, not all its contents. */
const TREE_MAX_ENTRIES = 300;
const TREE_MAX_DEPTH = 4;
const TREE_SKIPPED = new Set(['node_modules', '.git', 'dist', 'out', '.cache']);

function isMissing(err: unknown): boolean {
  return err instanceof vscode.FileSystemError && (err.code === 'FileNotFound' || err.code === 'EntryNotFound');
}

/** The text of the file at `uri` now, or why it cannot be sent. */
export async function readFileReference(uri: vscode.Uri): Promise<ReferenceContent> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open && !open.isClosed) return { text: open.getText(), languageId: open.languageId };
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    if (isMissing(err)) return { unavailable: 'the file no longer exists' };
    return { unavailable: `it could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { unavailable: 'it is a binary file, not text' };
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(), languageId: document.languageId };
}

/** The text of `range` in the file at `uri` now (a selection or a #-reference to some lines). */
export async function readRangeReference(uri: vscode.Uri, range: vscode.Range): Promise<ReferenceContent> {
  const whole = await readFileReference(uri);
  if ('unavailable' in whole) return whole;
  const document = await vscode.workspace.openTextDocument(uri);
  return { text: document.getText(range), languageId: document.languageId };
}

/** The problems VS Code knows of in the file at `uri` now, one per line with its position and source. */
export function readProblemsReference(uri: vscode.Uri): ReferenceContent {
  const severity = ['error', 'warning', 'info', 'hint'];
  const lines = vscode.languages.getDiagnostics(uri).map((d) =>
    `${vscode.workspace.asRelativePath(uri, false)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severity[d.severity]}`
    + `${d.source ? ` (${d.source}${d.code !== undefined ? ` ${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}` : ''})` : ''}: ${d.message}`);
  return { text: lines.length ? lines.join('\n') : vscode.l10n.t('No problems.'), languageId: 'plaintext' };
}

/** The tree of the folder at `uri`: names, folders first, a few levels deep, long listings cut with a note. */
export async function readFolderReference(uri: vscode.Uri): Promise<ReferenceContent> {
  const lines: string[] = [];
  let cut = false;
  const walk = async (folder: vscode.Uri, depth: number): Promise<void> => {
    const entries = await vscode.workspace.fs.readDirectory(folder);
    entries.sort(([a, at], [b, bt]) => (bt & vscode.FileType.Directory) - (at & vscode.FileType.Directory) || a.localeCompare(b));
    for (const [name, type] of entries) {
      if (lines.length >= TREE_MAX_ENTRIES) {
        cut = true;
        return;
      }
      const isFolder = (type & vscode.FileType.Directory) !== 0;
      lines.push(`${'  '.repeat(depth)}${name}${isFolder ? '/' : ''}`);
      if (isFolder && !TREE_SKIPPED.has(name) && depth + 1 < TREE_MAX_DEPTH) await walk(vscode.Uri.joinPath(folder, name), depth + 1);
    }
  };
  try {
    await walk(uri, 0);
  } catch (err) {
    if (isMissing(err)) return { unavailable: 'the folder no longer exists' };
    throw err;
  }
  if (cut) lines.push(`… (only the first ${TREE_MAX_ENTRIES} entries)`);
  return { text: lines.join('\n'), languageId: 'plaintext' };
}
