/** What each model can do (`/api/show` capabilities: `thinking`, `vision`, `tools`, …), asked once per host and model. */
import type { OllamaClient } from './ollamaClient';

export class ModelCapabilities {
  private readonly known = new Map<string, string[]>();

  constructor(private readonly client: OllamaClient) {}

  /**
   * Whether `model` on `host` lists `capability`. When Ollama cannot be asked the answer is no (and not remembered):
   * the request that follows reports the real problem (model missing, Ollama down).
   */
  async has(host: string, model: string, capability: string, signal?: AbortSignal): Promise<boolean> {
    return (await this.lookup(host, model, signal))?.includes(capability) ?? false;
  }

  /** Everything `model` on `host` can do, or undefined when Ollama cannot be asked now (asked again next time). */
  async lookup(host: string, model: string, signal?: AbortSignal): Promise<string[] | undefined> {
    const key = `${host}|${model}`;
    let capabilities = this.known.get(key);
    if (!capabilities) {
      try {
        capabilities = await this.client.capabilities(model, signal);
        this.known.set(key, capabilities);
      } catch {
        return undefined;
      }
    }
    return capabilities;
  }
}
