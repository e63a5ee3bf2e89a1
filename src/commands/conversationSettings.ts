/** "Conversation Settings…": this conversation's own model, system prompt, temperature and context window. */
import vscode = require('vscode');
import type { ConversationSettings } from '../shared/types';
import { objectArg } from './args';
import type { Services } from './services';

type Key = keyof ConversationSettings;

function parseNumber(text: string, integer: boolean): number | undefined {
  const n = Number(text);
  return text.trim() && Number.isFinite(n) && (!integer || Number.isInteger(n)) ? n : undefined;
}

/**
 * Reads the changes another extension or a test passes: each known field with a value of its type, or `undefined`,
 * `null` or `''` to go back to the global setting; anything else is left out.
 */
export function parseSettingsChanges(value: unknown): ConversationSettings | undefined {
  const raw = objectArg(value);
  if (!raw) return undefined;
  const changes: ConversationSettings = {};
  const reset = (v: unknown) => v === undefined || v === null || v === '';
  for (const key of ['model', 'systemPrompt'] as const) {
    if (key in raw && (reset(raw[key]) || typeof raw[key] === 'string')) changes[key] = (raw[key] || undefined) as string | undefined;
  }
  if ('temperature' in raw && (reset(raw.temperature) || Number.isFinite(raw.temperature))) {
    changes.temperature = reset(raw.temperature) ? undefined : raw.temperature as number;
  }
  if ('numCtx' in raw && (reset(raw.numCtx) || (Number.isSafeInteger(raw.numCtx) && (raw.numCtx as number) > 0))) {
    changes.numCtx = reset(raw.numCtx) ? undefined : raw.numCtx as number;
  }
  return changes;
}

/**
 * With `changes`, applies them directly (for tests and other extensions); otherwise lets the user pick a setting
 * and type its value (empty = back to the global setting).
 */
export async function editConversationSettings(s: Services, id?: string, changes?: ConversationSettings): Promise<void> {
  const conversationId = id ?? s.chat.activeConversationId() ?? (await s.chat.startConversation()).id;
  if (changes) {
    await s.chat.updateConversationSettings(conversationId, changes);
    return;
  }
  const current = s.chat.conversationSettings(conversationId) ?? {};
  const global = s.settings.current();
  const describe = (value: unknown, fallback: unknown) => (value === undefined ? `default (${String(fallback) || 'none'})` : String(value));
  const items: (vscode.QuickPickItem & { key: Key })[] = [
    { key: 'model', label: vscode.l10n.t('Model'), description: describe(current.model, global.model) },
    { key: 'systemPrompt', label: vscode.l10n.t('System prompt'), description: describe(current.systemPrompt, global.systemPrompt) },
    { key: 'temperature', label: vscode.l10n.t('Temperature'), description: describe(current.temperature, global.options.temperature ?? 'model default') },
    { key: 'numCtx', label: vscode.l10n.t('Context window (num_ctx)'), description: describe(current.numCtx, global.options.num_ctx ?? 'Ollama default') },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Ollama Chat: Conversation Settings'), placeHolder: vscode.l10n.t('Setting to change for this conversation') });
  if (!choice) return;
  const numeric = choice.key === 'temperature' || choice.key === 'numCtx';
  const value = await vscode.window.showInputBox({
    title: choice.label,
    prompt: vscode.l10n.t('Leave empty to use the global setting.'),
    value: current[choice.key] === undefined ? '' : String(current[choice.key]),
    validateInput: (v) => {
      if (!numeric || !v.trim()) return undefined;
      return parseNumber(v, choice.key === 'numCtx') === undefined ? (choice.key === 'numCtx' ? vscode.l10n.t('Enter a whole number such as 8192.') : vscode.l10n.t('Enter a number such as 0.7.')) : undefined;
    },
  });
  if (value === undefined) return;
  const parsed = numeric ? parseNumber(value, choice.key === 'numCtx') : value.trim() || undefined;
  await s.chat.updateConversationSettings(conversationId, { [choice.key]: parsed });
}
