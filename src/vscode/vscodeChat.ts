/**
 * Talk to the local model from VS Code's own Chat view too: a chat participant `@ollama` (VS Code ≥ 1.90) and,
 * where VS Code has the API (≥ 1.104), a language-model provider so the Ollama models appear in the model picker.
 * Both are registered only when the running VS Code offers them; older versions simply do without.
 */
import * as vscode from 'vscode';
import type { Message } from 'ollama';
import { describeError, errorText } from '../core/ollama/errors';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import type { Settings } from '../core/settings/config';
import { estimateTokens } from '../core/chat/contextWindow';

export const PARTICIPANT_ID = 'ollamaChat.participant';
export const LM_VENDOR = 'ollama-chat';

/** Turns the Chat view's history and the new prompt into Ollama messages. */
function historyToMessages(context: vscode.ChatContext, prompt: string): Message[] {
  const messages: Message[] = [];
  for (const turn of context.history) {
    if (turn instanceof vscode.ChatRequestTurn) {
      messages.push({ role: 'user', content: turn.prompt });
    } else if (turn instanceof vscode.ChatResponseTurn) {
      const text = turn.response
        .map((part) => (part instanceof vscode.ChatResponseMarkdownPart ? part.value.value : ''))
        .join('');
      if (text) messages.push({ role: 'assistant', content: text });
    }
  }
  messages.push({ role: 'user', content: prompt });
  return messages;
}

/** Streams an Ollama reply for `messages`, cancelled with `token`; `onText` receives each piece. */
async function streamReply(
  client: OllamaClient, settings: Settings, model: string, messages: Message[],
  token: vscode.CancellationToken, onText: (text: string) => void,
): Promise<void> {
  const abort = new AbortController();
  const sub = token.onCancellationRequested(() => abort.abort());
  try {
    const system: Message[] = settings.systemPrompt.trim() ? [{ role: 'system', content: settings.systemPrompt }] : [];
    for await (const chunk of client.chat({
      model, messages: [...system, ...messages], options: settings.options, keepAlive: settings.keepAlive, signal: abort.signal,
    })) {
      if (chunk.type === 'token' && chunk.content) onText(chunk.content);
    }
  } finally {
    sub.dispose();
  }
}

/** What `@ollama` does with one request: streams the reply into the Chat view, or returns the error in user words. */
export function chatParticipantHandler(client: OllamaClient, settings: () => Settings): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const current = settings();
    try {
      await streamReply(client, current, current.model, historyToMessages(context, request.prompt), token, (t) => stream.markdown(t));
      return {};
    } catch (err) {
      if (token.isCancellationRequested) return {};
      const d = describeError(err, { host: current.host, model: current.model });
      return { errorDetails: { message: errorText(d) } };
    }
  };
}

/** Registers `@ollama` in the Chat view, if this VS Code has chat participants. */
export function registerChatParticipant(
  extensionUri: vscode.Uri, client: OllamaClient, settings: () => Settings,
): vscode.Disposable | undefined {
  if (typeof vscode.chat?.createChatParticipant !== 'function') return undefined;
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, chatParticipantHandler(client, settings));
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  return participant;
}

/** The parts of the language-model provider API (VS Code ≥ 1.104) used here; older @types/vscode lack them. */
interface LmProviderApi {
  registerLanguageModelChatProvider(vendor: string, provider: unknown): vscode.Disposable;
}

interface LmRequestMessage {
  role: number;
  content: readonly unknown[];
}

/** Registers the Ollama models as language models of VS Code, if this VS Code supports providers. */
export function registerLanguageModelProvider(client: OllamaClient, settings: () => Settings): vscode.Disposable | undefined {
  const lm = vscode.lm as unknown as Partial<LmProviderApi>;
  if (typeof lm.registerLanguageModelChatProvider !== 'function') return undefined;
  const textOf = (content: readonly unknown[]) =>
    content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
  return lm.registerLanguageModelChatProvider(LM_VENDOR, {
    async provideLanguageModelChatInformation(options: { silent: boolean }) {
      try {
        const models = await client.listModels();
        return models.map((m) => ({
          id: m.name, name: m.name, family: m.family ?? m.model, version: m.version,
          detail: [m.parameterSize, m.quantization].filter(Boolean).join(' · '),
          tooltip: `Local Ollama model ${m.name}`, maxInputTokens: 8192, maxOutputTokens: 4096, capabilities: {},
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
        await streamReply(client, current, model.id, converted, token, (t) => progress.report(new vscode.LanguageModelTextPart(t)));
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
