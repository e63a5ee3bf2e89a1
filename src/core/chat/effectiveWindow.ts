/**
 * The context window a request really gets. Ollama takes `num_ctx` from the request (the conversation's own setting,
 * else `ollamaChat.options.num_ctx`), else from the model's Modelfile, else its own default; and it never gives more
 * than the model was trained for (it caps `num_ctx` at `<architecture>.context_length` and logs a warning).
 */
import type { Conversation } from '../../shared/types';
import type { ModelFacts } from '../ollama/modelFacts';
import type { Settings } from '../settings/config';

/**
 * Ollama's default `num_ctx` when neither the request nor the Modelfile sets one: 4096 on a server with less than
 * 24 GiB of VRAM (Ollama's docs/context-length.mdx; larger GPUs get 32k or 256k, and `OLLAMA_CONTEXT_LENGTH` on the
 * server changes it, neither of which a client can see). The smallest is the safe guess.
 */
export const OLLAMA_DEFAULT_NUM_CTX = 4096;

/** Where the window's size comes from, in the words the meter's tooltip uses. */
export type WindowSource = 'conversation' | 'settings' | 'model' | 'ollama';

export interface EffectiveWindow {
  /** Tokens of context the request gets. */
  numCtx: number;
  source: WindowSource;
  /** The model's own maximum, when `/api/show` told us. */
  modelMax?: number;
}

/** The `num_ctx` a request for `conversation` gets, given the settings and (if known) the model's facts. */
export function effectiveWindow(conversation: Conversation | undefined, settings: Settings, facts: ModelFacts | undefined): EffectiveWindow {
  const fromSettings = Number(settings.options.num_ctx);
  const [requested, source]: [number, WindowSource] =
    conversation?.settings?.numCtx ? [conversation.settings.numCtx, 'conversation']
      : fromSettings > 0 ? [Math.floor(fromSettings), 'settings']
        : facts?.modelfileNumCtx ? [facts.modelfileNumCtx, 'model']
          : [OLLAMA_DEFAULT_NUM_CTX, 'ollama'];
  const modelMax = facts?.contextLength;
  return { numCtx: modelMax ? Math.min(requested, modelMax) : requested, source, modelMax };
}

/**
 * The `num_ctx` that Raise offers after a reply hit the limit: double the window, but not past the model's maximum.
 * Undefined when the window cannot grow.
 */
export function raisedNumCtx(window: EffectiveWindow): number | undefined {
  const raised = window.modelMax ? Math.min(window.numCtx * 2, window.modelMax) : window.numCtx * 2;
  return raised > window.numCtx ? raised : undefined;
}
