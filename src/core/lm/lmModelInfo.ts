/**
 * What VS Code's model picker and agent mode are told about an Ollama model: the context a request really gets
 * (`effectiveWindow`, from `/api/show` and the `num_ctx` setting) and what the model can do (`/api/show`
 * capabilities). When `/api/show` did not answer, nothing is claimed: no capabilities, and Ollama's smallest default
 * window.
 */
import { replyReserve } from '../../shared/contextBudget';
import { effectiveWindow, OLLAMA_DEFAULT_NUM_CTX } from '../chat/effectiveWindow';
import type { ModelFacts } from '../ollama/modelFacts';
import type { Settings } from '../settings/config';

/** The sizes and capabilities of one model in VS Code's terms. */
export interface LmModelInfo {
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { toolCalling?: boolean; imageInput?: boolean };
}

/**
 * The model's sizes and capabilities. Prompt and reply share Ollama's window, so the input may fill it except for
 * the room the extension keeps free for a reply everywhere else (`replyReserve`); that room is the output size.
 */
export function lmModelInfo(facts: ModelFacts | undefined, settings: Settings): LmModelInfo {
  const numCtx = facts ? effectiveWindow(undefined, settings, facts).numCtx : Math.min(OLLAMA_DEFAULT_NUM_CTX, effectiveWindow(undefined, settings, undefined).numCtx);
  const reserve = replyReserve(numCtx);
  const capabilities = facts?.capabilities ?? [];
  return {
    maxInputTokens: numCtx - reserve,
    maxOutputTokens: reserve,
    capabilities: {
      ...(capabilities.includes('tools') ? { toolCalling: true } : {}),
      ...(capabilities.includes('vision') ? { imageInput: true } : {}),
    },
  };
}
