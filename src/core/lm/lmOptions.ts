/** The Ollama `options` of a request from VS Code's language-model API. */
import { validateOptions, type Settings } from '../settings/config';

/**
 * The user's options with the caller's `modelOptions` over them. Only Ollama's own options with the right type pass:
 * callers write `modelOptions` for whichever vendor (`max_tokens`, `stream_options`, …), and Ollama answers one
 * wrongly typed option with a 400 for the whole request.
 */
export function lmRequestOptions(settings: Settings, modelOptions: unknown): Settings['options'] {
  return { ...settings.options, ...validateOptions(modelOptions).options };
}
