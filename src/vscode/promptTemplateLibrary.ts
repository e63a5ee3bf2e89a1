/**
 * The `/` commands of the composer: the built-in templates, the user's (`ollamaChat.promptTemplates` in the user
 * settings) and the workspace's (the same setting in the workspace's settings, and `.vscode/ollama-chat/*.md`). A
 * workspace's templates come from the repository, so the list says where each comes from, and in Restricted Mode
 * they are not used. Placeholders are filled in from the active editor and Git when the message is sent.
 */
import vscode = require('vscode');
import { fuzzyCandidate, fuzzyFilter } from '../core/mentions/fuzzyMatch';
import { ChatError } from '../core/ollama/errors';
import { cutAtLine, fenceFor, fenceTag } from '../core/prompts/codeFence';
import type { PromptTemplate } from '../core/prompts/promptTemplates';
import {
  BUILT_IN_TEMPLATES, expandTemplate, mergeTemplates, parseSlashCommand, templateFromFile, templatesFromSetting, unknownPlaceholders,
} from '../core/prompts/promptTemplates';
import { DEFAULT_MAX_SELECTION_CHARS } from '../core/prompts/selectionPrompt';
import type { Suggestion } from '../shared/protocol';
import { stagedDiff } from './gitStagedDiff';
import { describeRange } from './mentionProvider';

export const TEMPLATES_SETTING = 'ollamaChat.promptTemplates';
/** Where a workspace keeps its templates, one Markdown file per command. */
export const TEMPLATES_FOLDER = '.vscode/ollama-chat';

/** How the list says where a template comes from (a workspace's come from the repository: the user must see it). */
function sourceOf(t: PromptTemplate): string {
  return t.source === 'built-in' ? 'built-in' : t.source === 'user' ? 'your settings' : `from this workspace: ${t.origin}`;
}

export class PromptTemplateLibrary {
  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Every template in effect now, read afresh (a file edited a moment ago counts). */
  async templates(): Promise<PromptTemplate[]> {
    const inspect = vscode.workspace.getConfiguration().inspect<unknown>(TEMPLATES_SETTING);
    const user = templatesFromSetting(inspect?.globalValue, 'user', `${TEMPLATES_SETTING} in your user settings`);
    const lists = [BUILT_IN_TEMPLATES, user.templates];
    const problems = [...user.problems];
    if (vscode.workspace.isTrusted) {
      const fromSettings = templatesFromSetting(inspect?.workspaceFolderValue ?? inspect?.workspaceValue, 'workspace', `${TEMPLATES_SETTING} in the workspace settings`);
      problems.push(...fromSettings.problems);
      lists.push(fromSettings.templates, await this.templateFiles());
    }
    for (const p of problems) this.log.warn(p);
    return mergeTemplates(...lists);
  }

  /** The rows for `query` typed after a leading `/`. */
  async suggest(query: string): Promise<Suggestion[]> {
    const templates = await this.templates();
    return fuzzyFilter(query, templates.map((t) => fuzzyCandidate(t, t.name)), 50).map((t) => {
      const unknown = unknownPlaceholders(t.prompt);
      return {
        id: t.name,
        label: `/${t.name}`,
        detail: `${t.description} · ${sourceOf(t)}`,
        kind: 'template',
        ...(unknown.length ? { problem: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}` } : {}),
      } satisfies Suggestion;
    });
  }

  /** The message `/name input` stands for; undefined when `text` is not the name of a template. */
  async expand(text: string): Promise<string | undefined> {
    const command = parseSlashCommand(text);
    if (!command) return undefined;
    const template = (await this.templates()).find((t) => t.name.toLowerCase() === command.name.toLowerCase());
    if (!template) return undefined;
    return expandTemplate(template, command.input, (placeholder) => {
      if (placeholder === 'diff') return stagedDiff();
      const editor = vscode.window.activeTextEditor;
      if (!editor) throw new ChatError('invalidPrompt', vscode.l10n.t('/{0} works on the code in an editor: open a file (and select code), then send again.', template.name));
      const path = vscode.workspace.asRelativePath(editor.document.uri, false);
      if (placeholder === 'file') return path;
      if (placeholder === 'language') return editor.document.languageId;
      const selection = editor.selections.find((s) => !s.isEmpty);
      if (!selection) throw new ChatError('invalidPrompt', vscode.l10n.t('/{0} works on the selected code: select some in {1}, then send again.', template.name, path));
      const code = cutAtLine(editor.document.getText(selection).replace(/\r\n/g, '\n'), DEFAULT_MAX_SELECTION_CHARS).replace(/\n$/, '');
      const fence = fenceFor(code);
      return `From \`${describeRange(path, selection)}\`:\n\n${fence}${fenceTag(editor.document.languageId)}\n${code}\n${fence}`;
    });
  }

  /** The `.vscode/ollama-chat/*.md` templates of every workspace folder. */
  private async templateFiles(): Promise<PromptTemplate[]> {
    const templates: PromptTemplate[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = vscode.Uri.joinPath(folder.uri, TEMPLATES_FOLDER);
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        continue; // no such folder: nothing to read
      }
      for (const [name, type] of entries) {
        if (type !== vscode.FileType.File || !name.toLowerCase().endsWith('.md')) continue;
        const uri = vscode.Uri.joinPath(dir, name);
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        const template = templateFromFile(name, text, vscode.workspace.asRelativePath(uri, false));
        if (template) templates.push(template);
        else this.log.warn(`${TEMPLATES_FOLDER}/${name}: a template's file name must be letters, digits, - or _ (then .md); ignored.`);
      }
    }
    return templates;
  }
}
