/**
 * What each model can do (`/api/show` capabilities: `thinking`, `vision`, `tools`, …) and its context facts (see
 * `modelFacts`), asked once per host and model. A slow `/api/show` is given up after a few seconds, so neither a
 * reply nor the context meter waits for it forever.
 */
import type { OllamaClient } from './ollamaClient';
import type { ModelFacts } from './modelFacts';

/** How long `/api/show` may take before the model's facts count as unknown (asked again next time). */
export const SHOW_TIMEOUT_MS = 5000;

export class ModelCapabilities {
  private readonly known = new Map<string, ModelFacts>();

  constructor(private readonly client: OllamaClient, private readonly timeoutMs = SHOW_TIMEOUT_MS) {}

  /**
   * Whether `model` on `host` lists `capability`. When Ollama cannot be asked the answer is no (and not remembered):
   * the request that follows reports the real problem (model missing, Ollama down).
   */
  async has(host: string, model: string, capability: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.facts(host, model, signal))?.capabilities.includes(capability) ?? false;
  }

  /**
   * The model's facts, or undefined when Ollama did not give them in time (not remembered: asked again next time).
   * `client` is the one that talks to `host` (with several hosts, each has its own).
   */
  async facts(host: string, model: string, signal?: AbortSignal, client = this.client): Promise<ModelFacts | undefined> {
    const key = `${host}|${model}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const facts = await client.modelFacts(model, signal ? AbortSignal.any([signal, timeout]) : timeout);
      this.known.set(key, facts);
      return facts;
    } catch {
      return undefined;
    }
  }

  /** Everything `model` on `host` can do, or undefined when Ollama cannot be asked now (asked again next time). */
  async lookup(host: string, model: string, signal?: AbortSignal): Promise<string[] | undefined> {
    return (await this.facts(host, model, signal))?.capabilities;
  }

  /** The facts already known, without asking Ollama. */
  cached(host: string, model: string): ModelFacts | undefined {
    return this.known.get(`${host}|${model}`);
  }
}
