/**
 * `@ollama` in VS Code's own Chat view (VS Code ≥ 1.90): the request and the chat's history go to the model picked in
 * the Chat view when it is an Ollama one, else to the model in the settings; the reply streams back as markdown. The
 * request's references (`#file`, `#selection`, a location, a plain string) go with it the way mentions go with a
 * message in our own view: read now, cut when too long, and the ones that cannot be read (deleted, binary) left out
 * with a note. Registered only when the running VS Code has chat participants.
 */
import vscode = require('vscode');
import type { Message } from 'ollama';
import { streamReply } from '../core/chat/streamReply';
import { participantModel } from '../core/lm/participantModel';
import { describeError, errorText } from '../core/ollama/errors';
import type { OllamaClient } from '../core/ollama/ollamaClient';
import { withAttachments } from '../core/prompts/attachments';
import type { Reference } from '../core/prompts/references';
import { missingNotice, resolveReferences } from '../core/prompts/references';
import type { Settings } from '../core/settings/config';
import { withAbortSignal } from './cancellation';
import { describeRange } from './mentionProvider';
import { readFileReference, readRangeReference } from './referenceReader';

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

/** A reference of a chat request as a mention: a file, a range of one, or text; undefined for kinds we cannot read. */
function toReference(ref: vscode.ChatPromptReference, index: number): Reference | undefined {
  const base = { id: `chat-ref-${index}`, languageId: '', chars: 0, truncated: false, readOnSend: true };
  const { value } = ref;
  if (value instanceof vscode.Uri) {
    return { ...base, name: vscode.workspace.asRelativePath(value, false), kind: 'file', read: () => readFileReference(value) };
  }
  if (value instanceof vscode.Location) {
    const name = describeRange(vscode.workspace.asRelativePath(value.uri, false), value.range);
    return { ...base, name, kind: 'selection', read: () => readRangeReference(value.uri, value.range) };
  }
  if (typeof value === 'string') {
    return { ...base, name: ref.id, kind: 'selection', read: async () => ({ text: value, languageId: 'plaintext' }) };
  }
  return undefined;
}

/** The prompt with the request's references read and appended; a note for the user when some could not be. */
export async function promptWithReferences(request: Pick<vscode.ChatRequest, 'prompt' | 'references'>): Promise<{ prompt: string; notice?: string }> {
  const references = (request.references ?? []).map(toReference).filter((r): r is Reference => r !== undefined);
  if (!references.length) return { prompt: request.prompt };
  const resolved = await resolveReferences(references);
  return { prompt: withAttachments(request.prompt, resolved.attachments), notice: missingNotice(resolved.references) };
}

/** What `@ollama` does with one request: streams the reply into the Chat view, or returns the error in user words. */
export function chatParticipantHandler(client: OllamaClient, settings: () => Settings): vscode.ChatRequestHandler {
  return async (request, context, stream, token) => {
    const current = settings();
    // `request.model` (VS Code ≥ 1.95; absent before): the model picked in the Chat view.
    const model = participantModel(request.model as vscode.LanguageModelChat | undefined, current.model);
    try {
      const { prompt, notice } = await promptWithReferences(request);
      if (notice) stream.markdown(`_${notice}_\n\n`);
      await withAbortSignal(token, (signal) =>
        streamReply(client, current, model, historyToMessages(context, prompt), signal, (t) => stream.markdown(t)));
      return {};
    } catch (err) {
      if (token.isCancellationRequested) return {};
      const d = describeError(err, { host: current.host, model });
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
