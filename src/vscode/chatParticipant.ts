/**
 * `@ollama` in VS Code's own Chat view (VS Code ≥ 1.90): the request and the chat's history go to the model in the
 * settings, the reply streams back as markdown. Registered only when the running VS Code has chat participants.
 */
import vscode = require('vscode');
import type { Message } from 'ollama';
import { streamReply } from '../core/chat/streamReply';
import { describeError, errorText } from '../core/ollama/errors';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import type { Settings } from '../core/settings/config';
import { withAbortSignal } from './cancellation';

export const PARTICIPANT_ID = 'ollamaChat.participant';

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

/** What `@ollama` does with one request: streams the reply into the Chat view, or returns the error in user words. */
export function chatParticipantHandler(client: OllamaClient, settings: () => Settings): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const current = settings();
    try {
      await withAbortSignal(token, (signal) =>
        streamReply(client, current, current.model, historyToMessages(context, request.prompt), signal, (t) => stream.markdown(t)));
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
