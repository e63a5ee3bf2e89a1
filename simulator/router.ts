/** Which handler answers a request: Ollama's paths and methods, a scripted redirect first, 404 for the rest. */
import type { Exchange } from './exchange';
import { answerWithRedirect, type Redirect } from './faults';
import { generate } from './generation';
import type { ModelRegistry } from './modelRegistry';
import { deleteModel, listModels, listRunningModels, showModel, type ShowFault } from './modelRoutes';
import { pullModel } from './pull';
import type { ReplyScripts } from './replyScripts';
import { parseBody } from './requestBody';
import { sendBody, sendJson } from './wire';

/** The Ollama version the simulator reports. */
const OLLAMA_VERSION = '0.12.6';

/** The simulator's state a request can read or change. */
export interface SimulatorState {
  readonly models: ModelRegistry;
  readonly scripts: ReplyScripts;
  /** Pace of pull progress (the same as the default pace of replies). */
  readonly pullStepDelayMs: number;
  readonly redirect: Redirect | undefined;
  readonly showFault: ShowFault | undefined;
}

/** Answers the exchange whose body is `raw`; a handler's HttpFailure propagates for the caller to send. */
export async function route(ex: Exchange, raw: string, state: SimulatorState): Promise<void> {
  if (state.redirect) {
    return answerWithRedirect(ex, state.redirect);
  }
  // Ollama answers HEAD wherever it answers GET (clients probe `HEAD /`).
  const method = ex.record.method === 'HEAD' ? 'GET' : ex.record.method;
  switch (`${method} ${ex.record.path}`) {
    case 'GET /':
      return sendBody(ex.res, 200, 'text/plain; charset=utf-8', 'Ollama is running');
    case 'GET /api/version':
      return sendJson(ex.res, 200, { version: OLLAMA_VERSION });
    case 'GET /api/tags':
      return listModels(ex.res, state.models);
    case 'GET /api/ps':
      return listRunningModels(ex.res, state.models);
    case 'POST /api/show':
      return showModel(ex, parseBody(raw), state.models, state.showFault);
    case 'POST /api/chat':
      return generate(ex, 'chat', parseBody(raw), state.models, state.scripts);
    case 'POST /api/generate':
      return generate(ex, 'generate', parseBody(raw), state.models, state.scripts);
    case 'POST /api/pull':
      return pullModel(ex, parseBody(raw), state.models, state.pullStepDelayMs);
    case 'DELETE /api/delete':
      return deleteModel(ex.res, parseBody(raw), state.models);
    default:
      return sendBody(ex.res, 404, 'text/plain', '404 page not found');
  }
}
