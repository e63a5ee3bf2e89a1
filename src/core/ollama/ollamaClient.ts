/**
 * The only code that talks to Ollama. Wraps the `ollama` client and fixes what a chat UI needs from it
 * (see the Ollama API notes in CONTRIBUTING.md): requests go only to the configured host and never follow a redirect, streams are always
 * requested, every request gets its own AbortSignal through a custom `fetch` (so Stop works even before the first
 * byte), and an abandoned stream always closes its HTTP request.
 */
import { Ollama } from 'ollama';
import type { ChatResponse, Message, ProgressResponse, Tool, ToolCall } from 'ollama';
import type { GenerationStats, ModelDto } from '../../shared/types';
import { EventLoopBreather } from './eventLoopBreather';
import { checkedHost, noRedirectFetch } from './hostGuard';
import { factsFromShow, type ModelFacts } from './modelFacts';

/** Where and how to connect; read anew for every request so setting changes apply at once. */
export interface Connection {
  host: string;
  /** Extra headers (e.g. `Authorization` for a proxy). Never logged. */
  headers?: Record<string, string>;
}

/** One piece of a streamed reply. */
export type ChatChunk =
  | { type: 'token'; content: string; thinking?: string; toolCalls?: ToolCall[] }
  | { type: 'done'; stats: GenerationStats };

/** A chat request in the shape the wrapper accepts. */
export interface ChatParams {
  model: string;
  messages: Message[];
  options?: Record<string, unknown>;
  keepAlive?: string | number;
  think?: boolean;
  /** Functions the model may call (models with the `tools` capability). */
  tools?: Tool[];
  signal?: AbortSignal;
}

/** Progress of a model download. */
export interface PullProgress {
  status: string;
  completed?: number;
  total?: number;
}

const NS_PER_MS = 1e6;

/**
 * An AbortController that follows `outer` and that the caller aborts itself when a stream is abandoned
 * (ollama-js does not close the request on `break`). `release` detaches it from `outer`.
 */
function linkedAbort(outer?: AbortSignal): { own: AbortController; release: () => void } {
  const own = new AbortController();
  const onAbort = () => own.abort(outer?.reason);
  if (outer?.aborted) own.abort(outer.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  return { own, release: () => outer?.removeEventListener('abort', onAbort) };
}

/** Converts Ollama's final chunk (durations in nanoseconds) to `GenerationStats`. */
export function statsFromFinalChunk(chunk: Pick<ChatResponse,
  'eval_count' | 'eval_duration' | 'prompt_eval_count' | 'total_duration' | 'load_duration' | 'done_reason'>): GenerationStats {
  const evalCount = chunk.eval_count ?? 0;
  const evalDurationNs = chunk.eval_duration ?? 0;
  return {
    evalCount,
    promptEvalCount: chunk.prompt_eval_count ?? 0,
    totalDurationMs: (chunk.total_duration ?? 0) / NS_PER_MS,
    loadDurationMs: (chunk.load_duration ?? 0) / NS_PER_MS,
    evalDurationMs: evalDurationNs / NS_PER_MS,
    tokensPerSecond: evalDurationNs > 0 ? (evalCount / evalDurationNs) * 1e9 : 0,
    doneReason: chunk.done_reason || undefined,
  };
}

/** Splits `mistral:latest` into `mistral` + `latest` like the original backend's ModelDto. */
export function splitModelName(name: string): { model: string; version: string } {
  const colon = name.lastIndexOf(':');
  return colon > 0 ? { model: name.slice(0, colon), version: name.slice(colon + 1) } : { model: name, version: 'latest' };
}

/** True when `installed` (e.g. `mistral:latest`) is what a user means by `wanted` (e.g. `mistral`). */
export function sameModel(wanted: string, installed: string): boolean {
  const a = splitModelName(wanted);
  const b = splitModelName(installed);
  return a.model === b.model && a.version === b.version;
}

/** Talks to the Ollama server named by `connection()`. */
export class OllamaClient {
  /** `connection` may be async (e.g. a header read from secret storage); each request waits for it. */
  constructor(private readonly connection: () => Connection | Promise<Connection>) {}

  /**
   * A client whose every HTTP request goes only to the checked host (see hostGuard) and is tied to `signal`.
   * ollama-js passes its own signal too (for `abort()`); both are honoured.
   */
  private async client(signal?: AbortSignal): Promise<Ollama> {
    const connection = await this.connection();
    const host = checkedHost(connection.host);
    const send = noRedirectFetch(host);
    const boundFetch: typeof fetch = (input, init) => {
      const signals = [init?.signal, signal].filter((s): s is AbortSignal => !!s);
      return send(input, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
    };
    return new Ollama({ host, headers: connection.headers, fetch: boundFetch });
  }

  /**
   * Streams a chat reply. Ending the iteration early (break, throw, or `signal` aborted) closes the HTTP request,
   * which makes Ollama stop generating.
   */
  async *chat(params: ChatParams): AsyncGenerator<ChatChunk> {
    const { own, release } = linkedAbort(params.signal);
    let finished = false;
    try {
      const stream = await (await this.client(own.signal)).chat({
        model: params.model,
        messages: params.messages,
        stream: true,
        options: params.options,
        keep_alive: params.keepAlive,
        think: params.think,
        tools: params.tools,
      });
      const breather = new EventLoopBreather();
      for await (const part of stream) {
        const pause = breather.breathe();
        if (pause) await pause;
        const content = part.message?.content ?? '';
        const thinking = part.message?.thinking;
        const toolCalls = part.message?.tool_calls?.length ? part.message.tool_calls : undefined;
        if (toolCalls) yield { type: 'token', content, thinking: thinking || undefined, toolCalls };
        else if (content || thinking) yield { type: 'token', content, thinking: thinking || undefined };
        if (part.done) {
          finished = true;
          yield { type: 'done', stats: statsFromFinalChunk(part) };
        }
      }
    } finally {
      release();
      if (!finished) own.abort();
    }
  }

  /** Streams the text of a one-shot completion (`/api/generate`), like the original backend's `POST /generate`. */
  async *generate(model: string, prompt: string, signal?: AbortSignal): AsyncGenerator<string> {
    const { own, release } = linkedAbort(signal);
    let finished = false;
    try {
      const stream = await (await this.client(own.signal)).generate({ model, prompt, stream: true });
      for await (const part of stream) {
        if (part.response) yield part.response;
        if (part.done) finished = true;
      }
    } finally {
      release();
      if (!finished) own.abort();
    }
  }

  /** Models installed in Ollama now (`/api/tags`), sorted by name. */
  async listModels(signal?: AbortSignal): Promise<ModelDto[]> {
    const { models } = await (await this.client(signal)).list();
    return models
      .map((m) => ({
        ...splitModelName(m.name),
        name: m.name,
        size: m.size,
        parameterSize: m.details?.parameter_size || undefined,
        quantization: m.details?.quantization_level || undefined,
        family: m.details?.family || undefined,
        modifiedAt: m.modified_at ? String(m.modified_at) : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Ollama's version string (`/api/version`). */
  async version(signal?: AbortSignal): Promise<string> {
    return (await (await this.client(signal)).version()).version;
  }

  /** What `/api/show` says about a model: capabilities (e.g. `["completion", "thinking"]`), context length, … */
  async modelFacts(model: string, signal?: AbortSignal): Promise<ModelFacts> {
    return factsFromShow(await (await this.client(signal)).show({ model }));
  }

  /** Models loaded in memory now (`/api/ps`). */
  async loadedModels(signal?: AbortSignal): Promise<{ name: string; sizeVram: number; expiresAt?: string }[]> {
    const { models } = await (await this.client(signal)).ps();
    return models.map((m) => ({ name: m.name, sizeVram: m.size_vram, expiresAt: m.expires_at ? String(m.expires_at) : undefined }));
  }

  /** Downloads a model, reporting each progress line; rejects with Ollama's message on failure. */
  async pull(model: string, onProgress: (p: PullProgress) => void, signal?: AbortSignal): Promise<void> {
    const stream = await (await this.client(signal)).pull({ model, stream: true });
    for await (const part of stream as AsyncIterable<ProgressResponse>) {
      onProgress({ status: part.status, completed: part.completed, total: part.total });
    }
  }

  /** Removes a model from Ollama. */
  async deleteModel(model: string): Promise<void> {
    await (await this.client()).delete({ model });
  }
}
