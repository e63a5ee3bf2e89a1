/** `POST /api/pull`: the progress stream of a download, as Ollama reports it layer by layer. */
import { pause, type Exchange } from './exchange';
import { modelSize, sha256 } from './modelEntries';
import type { ModelRegistry, SimulatedModel } from './modelRegistry';
import { NdjsonWriter } from './ndjsonWriter';
import { modelField, type Body } from './requestBody';
import { HttpFailure, sendError, sendJson } from './wire';

/** Completed fractions reported for a model's weights layer during a pull. */
const PULL_STEPS = [0, 0.15, 0.4, 0.65, 0.9, 1];

/** The blobs a pull of the model transfers: the weights in several steps, then small files at once. */
function pullLayers(m: SimulatedModel): { digest: string; total: number; steps: number[] }[] {
  const small = [
    { file: 'template', total: 1_429 },
    { file: 'params', total: 96 },
  ];
  const weights = modelSize(m) - small.reduce((sum, s) => sum + s.total, 0);
  return [
    { digest: `sha256:${sha256(`${m.name}/weights`)}`, total: weights, steps: PULL_STEPS },
    ...small.map((s) => ({ digest: `sha256:${sha256(`${m.name}/${s.file}`)}`, total: s.total, steps: [0, 1] })),
  ];
}

/**
 * Streams the progress of pulling the named model (`stepDelayMs` apart) and installs it; a name the registry does
 * not know fails after `pulling manifest`, as in Ollama.
 */
export async function pullModel(ex: Exchange, body: Body, models: ModelRegistry, stepDelayMs: number): Promise<void> {
  const name = modelField(body);
  if (!name) {
    throw new HttpFailure(400, 'invalid model name');
  }
  const model = models.pullable(name);
  const out = body.stream === false ? undefined : new NdjsonWriter(ex, false);
  const progress = async (status: Body): Promise<void> => {
    await pause(ex, stepDelayMs);
    await out?.line(status);
  };
  await progress({ status: 'pulling manifest' });
  if (!model) {
    const error = 'pull model manifest: file does not exist';
    if (out) {
      await out.line({ error });
      return out.end();
    }
    return sendError(ex.res, 500, error);
  }
  for (const layer of pullLayers(model)) {
    const hex = layer.digest.slice('sha256:'.length);
    for (const fraction of layer.steps) {
      const completed = Math.round(layer.total * fraction);
      await progress({ status: `pulling ${hex.slice(0, 12)}`, digest: layer.digest, total: layer.total, ...(completed > 0 ? { completed } : {}) });
    }
  }
  await progress({ status: 'verifying sha256 digest' });
  await progress({ status: 'writing manifest' });
  models.install(model);
  if (out) {
    await out.line({ status: 'success' });
    return out.end();
  }
  sendJson(ex.res, 200, { status: 'success' });
}
