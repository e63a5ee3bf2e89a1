/**
 * The Ollama models as language models of VS Code (the language-model provider API, VS Code ≥ 1.104): they appear
 * in the Chat view's model picker and `vscode.lm.selectChatModels({ vendor: 'ollama-chat' })` finds them.
 * Registered only when the running VS Code has the API; `@types/vscode` at our minimum version does not know it.
 */
import vscode = require('vscode');
import type { Message } from 'ollama';
import { estimateTokens } from '../shared/contextBudget';
import { streamReply } from '../core/chat/streamReply';
import { describeError, errorText } from '../core/ollama/errors';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import type { Settings } from '../core/settings/config';
import { withAbortSignal } from './cancellation';

export const LM_VENDOR = 'ollama-chat';

/** The parts of the language-model provider API used here. */
interface LmProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: unknown): vscode.Disposable;
}

interface LmRequestMessage {
  role: number;
  content: readonly unknown[];
}

const textOf = (content: readonly unknown[]): string =>
  content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

/** Registers the Ollama models as language models of VS Code, if this VS Code supports providers. */
export function registerLanguageModelProvider(client: OllamaClient, settings: () => Settings): vscode.Disposable | undefined {
  const lm = vscode.lm as unknown as Partial<LmProviderApi>;
  if (typeof lm.registerLanguageModelChatProvider !== 'function') return undefined;
  return lm.registerLanguageModelChatProvider(LM_VENDOR, {
    async provideLanguageModelChatInformation(options: { silent: boolean }) {
      try {
        const models = await client.listModels();
        return models.map((m) => ({
          id: m.name, name: m.name, family: m.family ?? m.model, version: m.version,
          detail: [m.parameterSize, m.quantization].filter(Boolean).join(' · '),
          tooltip: vscode.l10n.t('Local Ollama model {0}', m.name), maxInputTokens: 8192, maxOutputTokens: 4096, capabilities: {},
        }));
      } catch (err) {
        if (!options.silent) {
          const current = settings();
          void vscode.window.showWarningMessage(errorText(describeError(err, { host: current.host, model: current.model })));
        }
        return [];
      }
    },
    async provideLanguageModelChatResponse(
      model: { id: string }, messages: readonly LmRequestMessage[], _options: unknown,
      progress: vscode.Progress<vscode.LanguageModelTextPart>, token: vscode.CancellationToken,
    ) {
      const converted: Message[] = messages.map((m) => ({
        role: m.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user',
        content: textOf(m.content),
      }));
      const current = settings();
      try {
        await withAbortSignal(token, (signal) =>
          streamReply(client, current, model.id, converted, signal, (t) => progress.report(new vscode.LanguageModelTextPart(t))));
      } catch (err) {
        if (token.isCancellationRequested) throw err;
        // Whoever called (VS Code's chat, another extension) shows this text: our words and the way forward, not fetch's.
        throw new Error(errorText(describeError(err, { host: current.host, model: model.id })));
      }
    },
    async provideTokenCount(_model: unknown, text: string | LmRequestMessage) {
      return estimateTokens(typeof text === 'string' ? text : textOf(text.content));
    },
  });
}
