/** The models the simulator has installed, can pull, and holds loaded in memory (what `/api/ps` shows). */

/** A model the simulator has installed (or can pull). Missing fields get plausible values. */
export interface SimulatedModel {
  name: string;
  parameterSize?: string;
  quantization?: string;
  family?: string;
  size?: number;
  capabilities?: string[];
  contextLength?: number;
}

/** Installed by default: mistral (the extension's default), a small llama and a thinking model. */
export const DEFAULT_MODELS: readonly SimulatedModel[] = [
  { name: 'mistral:latest', parameterSize: '7.2B', quantization: 'Q4_K_M', family: 'llama', size: 4_372_824_384, capabilities: ['completion', 'tools'], contextLength: 32_768 },
  { name: 'llama3.2:latest', parameterSize: '3.2B', quantization: 'Q4_K_M', family: 'llama', size: 2_019_393_189, capabilities: ['completion', 'tools'], contextLength: 131_072 },
  { name: 'qwen3:8b', parameterSize: '8.2B', quantization: 'Q4_K_M', family: 'qwen3', size: 5_225_388_164, capabilities: ['completion', 'tools', 'thinking'], contextLength: 40_960 },
];

/** Not installed, but `/api/pull` can fetch them (as can any model that was ever installed). */
const PULLABLE_MODELS: readonly SimulatedModel[] = [
  { name: 'gemma3:4b', parameterSize: '4.3B', quantization: 'Q4_K_M', family: 'gemma3', size: 3_338_801_804, capabilities: ['completion', 'vision'], contextLength: 131_072 },
  { name: 'deepseek-r1:8b', parameterSize: '8.2B', quantization: 'Q4_K_M', family: 'qwen3', size: 5_225_376_047, capabilities: ['completion', 'thinking'], contextLength: 131_072 },
];

/** A loaded model: when it expires (ms since the epoch) and the context window it was loaded with. */
export interface LoadedState {
  expiresAt: number;
  numCtx: number;
}

/** Lower-cased `name:tag` without the default registry prefix, as Ollama compares names. */
export function normalizeName(name: string): string {
  const bare = name.trim().toLowerCase().replace(/^(https?:\/\/)?registry\.ollama\.ai\//, '').replace(/^library\//, '');
  return bare.slice(bare.lastIndexOf('/') + 1).includes(':') ? bare : `${bare}:latest`;
}

/** Installed models in `/api/tags` order, every model ever known (so pullable), and the loaded ones. */
export class ModelRegistry {
  private models: SimulatedModel[] = [];
  /** Every model ever installed or offered for pull, by normalised name. */
  private readonly known = new Map<string, SimulatedModel>();
  /** Loaded model name → its state. */
  private readonly loaded = new Map<string, LoadedState>();

  /** Installs `models`; the default and pullable ones can be pulled whatever is installed. */
  constructor(models: readonly SimulatedModel[]) {
    for (const m of [...DEFAULT_MODELS, ...PULLABLE_MODELS]) {
      this.known.set(normalizeName(m.name), m);
    }
    this.setInstalled(models);
  }

  /** Replaces the installed models; they also become pullable after a later delete. */
  setInstalled(models: readonly SimulatedModel[]): void {
    this.models = models.map((m) => ({ ...m }));
    for (const m of this.models) {
      this.known.set(normalizeName(m.name), m);
    }
  }

  /** The installed models, in the order they were installed. */
  installedModels(): readonly SimulatedModel[] {
    return this.models;
  }

  /** The installed model of that name (compared as Ollama does), if any. */
  installed(name: string): SimulatedModel | undefined {
    const wanted = normalizeName(name);
    return this.models.find((m) => normalizeName(m.name) === wanted);
  }

  /** The model a pull of that name fetches, if the registry knows it. */
  pullable(name: string): SimulatedModel | undefined {
    return this.known.get(normalizeName(name));
  }

  /** Installs a pulled model, unless it is installed already. */
  install(model: SimulatedModel): void {
    if (!this.installed(model.name)) {
      this.models.push({ ...model });
    }
  }

  /** Deletes an installed model, unloading it. */
  remove(model: SimulatedModel): void {
    this.models = this.models.filter((m) => m !== model);
    this.loaded.delete(model.name);
  }

  /** Loads the model for `keepAliveMs` (0 unloads it at once) with the given context window. */
  markLoaded(model: SimulatedModel, keepAliveMs: number, numCtx: number): void {
    if (keepAliveMs === 0) {
      this.loaded.delete(model.name);
      return;
    }
    this.loaded.set(model.name, { expiresAt: Date.now() + keepAliveMs, numCtx });
  }

  /** The installed models that are loaded and not expired at `now`, with their state. */
  running(now: number): { model: SimulatedModel; state: LoadedState }[] {
    return this.models.flatMap((model) => {
      const state = this.loaded.get(model.name);
      return state && state.expiresAt > now ? [{ model, state }] : [];
    });
  }
}
