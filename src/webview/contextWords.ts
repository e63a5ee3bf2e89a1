/** The context window in words: token counts, where the window's size comes from, and what raising it costs. */
import type { ContextInfo } from '../shared/contextInfo';
import { formatNumber, t } from '../shared/l10n';

/** `3,100` (`3.100` in German): token counts are read, not estimated to the digit, but grouping makes them readable. */
export function formatTokens(tokens: number): string {
  return formatNumber(Math.round(tokens));
}

/** Where the window's size comes from, in the display language (a function: the bundle is set after loading). */
const sources = (): Record<ContextInfo['source'], string> => ({
  conversation: t("this conversation's settings"),
  settings: t('the ollamaChat.options setting'),
  model: t("the model's Modelfile"),
  ollama: t("Ollama's default ({0} on most machines; more on a GPU with 24 GB or more)", formatTokens(4096)),
});

/** "num_ctx 8,192 from this conversation's settings (the model takes up to 32,768)". */
export function windowOrigin(info: ContextInfo): string {
  const source = sources()[info.source];
  return info.modelMax
    ? t('num_ctx {0} from {1} (the model takes up to {2})', formatTokens(info.numCtx), source, formatTokens(info.modelMax))
    : t('num_ctx {0} from {1}', formatTokens(info.numCtx), source);
}

/** Memory for people: `512 MB`, `1.5 GB`. */
function formatBytes(bytes: number): string {
  return bytes < 1e9 ? t('{0} MB', formatNumber(Math.max(1, Math.round(bytes / 1e6)))) : t('{0} GB', formatNumber(bytes / 1e9, 1));
}

/** What Raise offers, with its cost: "Raise the context window to 16,384 tokens (about 1.1 GB more memory)". */
export function raiseLabel(info: ContextInfo): string | undefined {
  if (!info.raiseTo) return undefined;
  return info.kvBytesPerToken
    ? t('Raise the context window to {0} tokens (about {1} more memory on the Ollama machine)', formatTokens(info.raiseTo), formatBytes((info.raiseTo - info.numCtx) * info.kvBytesPerToken))
    : t('Raise the context window to {0} tokens (more memory on the Ollama machine)', formatTokens(info.raiseTo));
}
