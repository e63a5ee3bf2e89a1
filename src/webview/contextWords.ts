/** The context window in words: token counts, where the window's size comes from, and what raising it costs. */
import type { ContextInfo } from '../shared/contextInfo';

/** `3,100`: token counts are read, not estimated to the digit, but commas make them readable. */
export function formatTokens(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}

const SOURCES: Record<ContextInfo['source'], string> = {
  conversation: "this conversation's settings",
  settings: 'the ollamaChat.options setting',
  model: "the model's Modelfile",
  ollama: "Ollama's default (4,096 on most machines; more on a GPU with 24 GB or more)",
};

/** "num_ctx 8,192 from this conversation's settings (the model takes up to 32,768)". */
export function windowOrigin(info: ContextInfo): string {
  const max = info.modelMax ? ` (the model takes up to ${formatTokens(info.modelMax)})` : '';
  return `num_ctx ${formatTokens(info.numCtx)} from ${SOURCES[info.source]}${max}`;
}

/** Memory for people: `512 MB`, `1.5 GB`. */
function formatBytes(bytes: number): string {
  return bytes < 1e9 ? `${Math.max(1, Math.round(bytes / 1e6))} MB` : `${(bytes / 1e9).toFixed(1)} GB`;
}

/** What Raise offers, with its cost: "Raise the context window to 16,384 tokens (about 1.1 GB more memory)". */
export function raiseLabel(info: ContextInfo): string | undefined {
  if (!info.raiseTo) return undefined;
  const cost = info.kvBytesPerToken
    ? `about ${formatBytes((info.raiseTo - info.numCtx) * info.kvBytesPerToken)} more memory on the Ollama machine`
    : 'more memory on the Ollama machine';
  return `Raise the context window to ${formatTokens(info.raiseTo)} tokens (${cost})`;
}
