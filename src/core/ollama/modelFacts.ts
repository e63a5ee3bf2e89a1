/**
 * What `/api/show` says about a model that the chat needs: what it can do (`capabilities`), how long a context it
 * was trained for (`model_info` → `<architecture>.context_length`), the `num_ctx` its Modelfile sets, and what each
 * token of context costs in memory (the KV cache: keys and values, per layer, per KV head, in f16).
 */

/** The facts about one model. */
export interface ModelFacts {
  capabilities: string[];
  /** The longest context the model supports; Ollama caps `num_ctx` at it. */
  contextLength?: number;
  /** `num_ctx` set by the model's Modelfile (`PARAMETER num_ctx …`), used when the request sets none. */
  modelfileNumCtx?: number;
  /** Bytes of KV cache per token of context, when `model_info` gives the shape of the model. */
  kvBytesPerToken?: number;
}

/** The subset of the `/api/show` answer read here (ollama-js's `ShowResponse`, loosely typed: servers differ). */
export interface ShowAnswer {
  capabilities?: unknown;
  model_info?: unknown;
  parameters?: unknown;
}

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

/** Reads the facts from an `/api/show` answer; anything missing or malformed is left undefined. */
export function factsFromShow(show: ShowAnswer): ModelFacts {
  const capabilities = Array.isArray(show.capabilities) ? show.capabilities.filter((c): c is string => typeof c === 'string') : [];
  const info = (show.model_info && typeof show.model_info === 'object' ? show.model_info : {}) as Record<string, unknown>;
  const arch = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : undefined;
  const field = (name: string): number | undefined => {
    if (arch && positive(info[`${arch}.${name}`])) return info[`${arch}.${name}`] as number;
    // Some models name their keys after another family than `general.architecture`.
    const key = Object.keys(info).find((k) => k.endsWith(`.${name}`) && positive(info[k]));
    return key ? (info[key] as number) : undefined;
  };
  const layers = field('block_count');
  const embedding = field('embedding_length');
  const heads = field('attention.head_count');
  const kvHeads = field('attention.head_count_kv') ?? heads;
  const kvBytesPerToken = layers && embedding && heads && kvHeads ? 2 * layers * (embedding / heads) * kvHeads * 2 : undefined;
  const numCtx = typeof show.parameters === 'string' ? /^\s*num_ctx\s+(\d+)\s*$/m.exec(show.parameters)?.[1] : undefined;
  return {
    capabilities,
    contextLength: field('context_length'),
    modelfileNumCtx: numCtx ? positive(Number(numCtx)) : undefined,
    kvBytesPerToken,
  };
}
