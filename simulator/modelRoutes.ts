/** The endpoints about models that answer at once: `/api/tags`, `/api/ps`, `/api/show`, `/api/delete`. */
import type * as http from 'node:http';
import { pause, type Exchange } from './exchange';
import { runningEntry, showEntry, tagEntry } from './modelEntries';
import { normalizeName, type ModelRegistry } from './modelRegistry';
import { modelField, type Body } from './requestBody';
import { HttpFailure, JSON_TYPE, sendBody, sendJson } from './wire';

/** `GET /api/tags`: the installed models. */
export function listModels(res: http.ServerResponse, models: ModelRegistry): void {
  sendJson(res, 200, { models: models.installedModels().map(tagEntry) });
}

/** `GET /api/ps`: the models loaded now. */
export function listRunningModels(res: http.ServerResponse, models: ModelRegistry): void {
  sendJson(res, 200, { models: models.running(Date.now()).map(({ model, state }) => runningEntry(model, state)) });
}

/**
 * How `/api/show` misbehaves when a test asks: answers late (a busy server, a model on a slow disk), or fails with a
 * status and Ollama's error body.
 */
export interface ShowFault {
  delayMs?: number;
  status?: number;
  error?: string;
}

/** `POST /api/show`: details and capabilities of an installed model (after the scripted fault, if any). */
export async function showModel(ex: Exchange, body: Body, models: ModelRegistry, fault: ShowFault | undefined): Promise<void> {
  const res = ex.res;
  await pause(ex, fault?.delayMs ?? 0);
  if (fault?.status) {
    throw new HttpFailure(fault.status, fault.error ?? 'internal server error');
  }
  const name = modelField(body);
  if (!name) {
    throw new HttpFailure(400, 'model is required');
  }
  const model = models.installed(name);
  if (!model) {
    throw new HttpFailure(404, `model '${normalizeName(name)}' not found`);
  }
  sendJson(res, 200, showEntry(model));
}

/** `DELETE /api/delete`: removes an installed model (it stays pullable). */
export function deleteModel(res: http.ServerResponse, body: Body, models: ModelRegistry): void {
  const name = modelField(body);
  if (!name) {
    throw new HttpFailure(400, `name ${JSON.stringify(name)} is invalid`);
  }
  const model = models.installed(name);
  if (!model) {
    throw new HttpFailure(404, `model '${name}' not found`);
  }
  models.remove(model);
  sendBody(res, 200, JSON_TYPE, '');
}
