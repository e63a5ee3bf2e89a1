/**
 * What `@` and `#` in the composer offer, and the mention each row becomes: the current selection, the problems of the
 * current file, open editors, workspace files (fuzzy) and folders (their tree). Rows are answered from here with ids;
 * the view sends an id back, never a path, so it can only mention what it was offered.
 */
import vscode = require('vscode');
import { fuzzyCandidate, fuzzyFilter } from '../core/mentions/fuzzyMatch';
import type { Reference, ReferenceContent } from '../core/prompts/references';
import type { Suggestion } from '../shared/protocol';
import type { AttachmentKind } from '../shared/types';
import { readFileReference, readFolderReference, readProblemsReference, readRangeReference } from './referenceReader';
import type { WorkspaceFileIndex } from './workspaceFileIndex';

/** Rows in one answer: enough to find by typing, few enough to read and to post. */
const MAX_ROWS = 40;
const MAX_FOLDER_ROWS = 6;

/** What a row becomes when chosen. */
interface Offer {
  suggestion: Suggestion;
  name: string;
  kind: AttachmentKind;
  languageId: string;
  read(): Promise<ReferenceContent>;
}

let nextId = 0;

/** `a.ts:3-9` for the lines of `range` (1-based; a selection ending at a line's start ends on the line before). */
export function describeRange(path: string, range: vscode.Range): string {
  const end = range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return `${path}:${range.start.line + 1}${end > range.start.line + 1 ? `-${end}` : ''}`;
}

export class MentionProvider {
  /** The rows of the latest answer, by id. */
  private offers = new Map<string, Offer>();

  constructor(private readonly files: WorkspaceFileIndex) {}

  /** The rows for `query` typed after `@` or `#`. */
  async suggest(query: string): Promise<Suggestion[]> {
    const offers: Offer[] = [...this.editorOffers()];
    const shown = new Set<string>();
    const editors = vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .map((t) => t.input).filter((i): i is vscode.TabInputText => i instanceof vscode.TabInputText);
    for (const input of editors) {
      const path = vscode.workspace.asRelativePath(input.uri, false);
      if (shown.has(path)) continue;
      shown.add(path);
      offers.push(this.fileOffer(input.uri, path, 'editor'));
    }
    const matched = fuzzyFilter(query, offers.map((o) => fuzzyCandidate(o, o.name)), MAX_ROWS);
    const files = fuzzyFilter(query, await this.files.list(), MAX_ROWS).filter((f) => !shown.has(f.path));
    for (const f of files.slice(0, MAX_ROWS - matched.length)) matched.push(this.fileOffer(f.uri, f.path, 'file'));
    for (const f of fuzzyFilter(query, await this.files.listFolders(), MAX_FOLDER_ROWS)) {
      matched.push({
        suggestion: { id: `m${++nextId}`, label: `${f.path}/`, detail: vscode.l10n.t('folder: its tree'), kind: 'folder' },
        name: `${f.path}/`, kind: 'folder', languageId: 'plaintext', read: () => readFolderReference(f.uri),
      });
    }
    this.offers = new Map(matched.map((o) => [o.suggestion.id, o]));
    return matched.map((o) => o.suggestion);
  }

  /** The mention for row `id` of the latest answer; undefined when there is no such row (any more). */
  choose(id: string): Reference | undefined {
    const offer = this.offers.get(id);
    if (!offer) return undefined;
    return { id: `r${++nextId}`, name: offer.name, kind: offer.kind, languageId: offer.languageId, chars: 0, truncated: false, readOnSend: true, read: offer.read };
  }

  /** The selection and the problems of the active editor, as they are when chosen (the range) and sent (the text). */
  private editorOffers(): Offer[] {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return [];
    const { uri, languageId } = editor.document;
    const path = vscode.workspace.asRelativePath(uri, false);
    const offers: Offer[] = [];
    const selection = editor.selections.find((s) => !s.isEmpty);
    if (selection) {
      const where = describeRange(path, selection);
      offers.push({
        suggestion: { id: `m${++nextId}`, label: 'selection', detail: where, kind: 'selection' }, // l10n-ignore: the name typed after @
        name: `Selection ${where}`, kind: 'selection', languageId, read: () => readRangeReference(uri, selection),
      });
    }
    const count = vscode.languages.getDiagnostics(uri).length;
    offers.push({
      suggestion: { id: `m${++nextId}`, label: 'problems', detail: vscode.l10n.t('{0} in {1}', count, path), kind: 'problems' }, // l10n-ignore: the name typed after @
      name: `Problems in ${path}`, kind: 'problems', languageId: 'plaintext', read: async () => readProblemsReference(uri),
    });
    return offers;
  }

  /** A file's row says its name, then its folder (as Quick Open does); it is matched by its whole path. */
  private fileOffer(uri: vscode.Uri, path: string, kind: 'file' | 'editor'): Offer {
    const slash = path.lastIndexOf('/');
    const folder = slash > 0 ? path.slice(0, slash) : '';
    return {
      suggestion: { id: `m${++nextId}`, label: path.slice(slash + 1), detail: kind === 'editor' ? [folder, 'open editor'].filter(Boolean).join(' · ') : folder, kind },
      name: path, kind: 'file', languageId: '', read: () => readFileReference(uri),
    };
  }
}
