/** Conversations to Markdown and JSON, and JSON back (validated like stored data). Pure, for unit tests. */
import { validateConversation } from '../services/conversationStore';
import type { ChatMessage, Conversation } from '../shared/types';

/** The `format` tag written into JSON exports and required on import. */
export const EXPORT_FORMAT = 'ollama-chat-conversation';
export const EXPORT_VERSION = 1;

function heading(m: ChatMessage): string {
  const who = m.role === 'user' ? 'You' : m.role === 'assistant' ? `Assistant${m.model ? ` (${m.model})` : ''}` : 'System';
  const when = m.timestamp ? ` — ${new Date(m.timestamp).toISOString().replace('T', ' ').slice(0, 16)} UTC` : '';
  const status = m.status === 'stopped' ? ' — stopped' : m.status === 'error' ? ' — failed' : '';
  return `### ${who}${when}${status}`;
}

/** A readable Markdown transcript. */
export function toMarkdown(c: Conversation): string {
  const parts = [`# ${c.title}`, '', `_Exported from Ollama Chat; created ${new Date(c.createdAt).toISOString().slice(0, 10)}._`];
  for (const m of c.messages) {
    parts.push('', heading(m), '');
    if (m.thinking) parts.push('<details><summary>Thinking</summary>', '', m.thinking, '', '</details>', '');
    parts.push(m.content || '_(no text)_');
    if (m.error) parts.push('', `> ${m.error}`);
  }
  return `${parts.join('\n')}\n`;
}

/** A JSON document that `parseExport` reads back. */
export function toJson(c: Conversation): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, conversation: c }, null, 2)}\n`;
}

/** Reads a JSON export; throws an Error in user words when the text is not one. */
export function parseExport(text: string): Conversation {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('The file is not JSON. Choose a file saved with "Export Conversation…" as JSON.');
  }
  const doc = data as { format?: unknown; conversation?: { id?: unknown } };
  if (typeof data !== 'object' || data === null || doc.format !== EXPORT_FORMAT) {
    throw new Error('The file is not an Ollama Chat conversation export.');
  }
  const id = typeof doc.conversation?.id === 'string' ? doc.conversation.id.slice(0, 200) : '';
  const conversation = validateConversation(doc.conversation, id);
  if (!conversation) throw new Error('The conversation in the file has no readable messages.');
  return conversation;
}
