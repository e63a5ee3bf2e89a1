/**
 * The Ollama models as language models of VS Code (the language-model provider API, VS Code ≥ 1.104): they appear
 * in the Chat view's model picker, agent mode can use the ones that call tools, and
 * `vscode.lm.selectChatModels({ vendor: 'ollama-chat' })` finds them. Each model is described as `/api/show` describes
 * it (context window, tools, vision); requests carry system messages, images, tool calls and results, and the
 * caller's options. Registered only when the running VS Code has the API; `@types/vscode` at our minimum version
 * does not know it.
 */
import vscode = require('vscode');
import type { Tool, ToolCall } from 'ollama';
import { estimateTokens } from '../shared/contextBudget';
import { newId } from '../core/chat/ids';
import { streamReply } from '../core/chat/streamReply';
import { toOllamaMessages } from '../core/lm/lmMessages';
import { lmModelInfo } from '../core/lm/lmModelInfo';
import { lmRequestOptions } from '../core/lm/lmOptions';
import { LM_VENDOR } from '../core/lm/participantModel';
import { describeError, errorText } from '../core/ollama/errors';
import { ModelCapabilities } from '../core/ollama/modelCapabilities';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import type { Settings } from '../core/settings/config';
import { withAbortSignal } from './cancellation';
import { messageText, plainMessages, thinkingPart, type LmRequestMessage } from './lmParts';

export { LM_VENDOR };

/** The parts of the language-model provider API used here. */
interface LmProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: unknown): vscode.Disposable;
}

/** What a request's options carry (`ProvideLanguageModelChatResponseOptions`). */
interface LmRequestOptions {
  modelOptions?: Record<string, unknown>;
  tools?: readonly { name: string; description?: string; inputSchema?: object }[];
}

/** The call's own id where Ollama gives one (newer versions do), else a fresh one: VS Code pairs results by id. */
const callId = (call: ToolCall): string => {
  const id = (call as { id?: unknown }).id;
  return typeof id === 'string' && id ? id : newId('call_');
};

/** VS Code's tool descriptions as Ollama's function schemas. */
const ollamaTools = (tools: LmRequestOptions['tools']): Tool[] => (tools ?? []).map((t) => ({
  type: 'function',
  function: { name: t.name, description: t.description, parameters: (t.inputSchema ?? { type: 'object', properties: {} }) as Tool['function']['parameters'] },
}));

/**
 * The provider object VS Code calls (`LanguageModelChatProvider`); `onDidChange` tells VS Code to ask for the models
 * again. Exported so that a test can hand it what VS Code's own chat sends and other extensions cannot (a system
 * message needs the proposed `languageModelSystem` API on the caller's side).
 */
export function languageModelChatProvider(client: OllamaClient, settings: () => Settings, onDidChange: vscode.Event<void>) {
  const models = new ModelCapabilities(client);
  return {
    onDidChangeLanguageModelChatInformation: onDidChange,
    async provideLanguageModelChatInformation(options: { silent: boolean }) {
      const current = settings();
      try {
        const installed = await client.listModels();
        // A model whose /api/show fails is still listed, claiming nothing (see lmModelInfo).
        const facts = await Promise.all(installed.map((m) => models.facts(current.host, m.name)));
        return installed.map((m, i) => ({
          id: m.name, name: m.name, family: m.family ?? m.model, version: m.version,
          detail: [m.parameterSize, m.quantization].filter(Boolean).join(' · '),
          tooltip: vscode.l10n.t('Local Ollama model {0}', m.name), ...lmModelInfo(facts[i], current),
        }));
      } catch (err) {
        if (!options.silent) {
          void vscode.window.showWarningMessage(errorText(describeError(err, { host: current.host, model: current.model })));
        }
        return [];
      }
    },
    async provideLanguageModelChatResponse(
      model: { id: string }, messages: readonly LmRequestMessage[], options: LmRequestOptions,
      progress: vscode.Progress<unknown>, token: vscode.CancellationToken,
    ) {
      const current = settings();
      try {
        await withAbortSignal(token, async (signal) => {
          const can = (await models.facts(current.host, model.id, signal))?.capabilities ?? [];
          await streamReply(client, current, model.id, toOllamaMessages(plainMessages(messages), can.includes('vision')), signal,
            (t) => progress.report(new vscode.LanguageModelTextPart(t)), {
              // Ollama refuses tools for a model without the capability; VS Code offers none to such a model anyway.
              tools: can.includes('tools') ? ollamaTools(options.tools) : undefined,
              options: lmRequestOptions(current, options.modelOptions),
              onThinking: (t) => {
                const part = thinkingPart(t);
                if (part) progress.report(part);
              },
              onToolCalls: (calls) => {
                for (const call of calls) {
                  progress.report(new vscode.LanguageModelToolCallPart(callId(call), call.function.name, call.function.arguments ?? {}));
                }
              },
            });
        });
      } catch (err) {
        if (token.isCancellationRequested) throw err;
        // Whoever called (VS Code's chat, another extension) shows this text: our words and the way forward, not fetch's.
        throw new Error(errorText(describeError(err, { host: current.host, model: model.id })));
      }
    },
    async provideTokenCount(_model: unknown, text: string | LmRequestMessage) {
      return estimateTokens(typeof text === 'string' ? text : messageText(text));
    },
  };
}

/** Registers the Ollama models as language models of VS Code, if this VS Code supports providers. */
export function registerLanguageModelProvider(client: OllamaClient, settings: () => Settings): vscode.Disposable | undefined {
  const lm = vscode.lm as unknown as Partial<LmProviderApi>;
  if (typeof lm.registerLanguageModelChatProvider !== 'function') return undefined;
  // The window depends on the host and `num_ctx`: VS Code asks for the models again when told they changed.
  const changed = new vscode.EventEmitter<void>();
  const watch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('ollamaChat')) changed.fire();
  });
  const registration = lm.registerLanguageModelChatProvider(LM_VENDOR, languageModelChatProvider(client, settings, changed.event));
  return vscode.Disposable.from(registration, watch, changed);
}
