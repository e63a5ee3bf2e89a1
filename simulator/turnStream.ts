/**
 * Answers one chat/generate turn: the wait of a model load, the chunks paced as the script says, the scripted
 * fault, and the final chunk with real timings.
 */
import { chunk, finalChunk, type Api, type Piece } from './chunks';
import { pause, type Exchange } from './exchange';
import { answerWithFault, applyMidStreamFault, midStreamFault } from './faults';
import { NdjsonWriter } from './ndjsonWriter';
import type { ReplyScript } from './replyScript';
import { sendJson } from './wire';

/** Everything needed to answer one chat/generate request. */
export interface Turn {
  api: Api;
  model: string;
  pieces: Piece[];
  doneReason: 'stop' | 'length';
  promptEvalCount: number;
  stream: boolean;
  script: ReplyScript;
}

/** The metrics of a final chunk in Go field order. Durations are ns, never 0 (Go would omit them). */
function finalStats(turn: Turn, loadNs: number, evalNs: number, totalNs: number): Record<string, number> {
  const evalCount = turn.pieces.length;
  const load = Math.max(loadNs, 1_000_000);
  const promptEval = turn.promptEvalCount * 200_000;
  // Without token delays a reply is generated in microseconds; keep tokens/s plausible.
  const evalDuration = Math.max(evalNs, evalCount * 1_000_000, 1);
  return {
    total_duration: Math.max(totalNs, load + promptEval + evalDuration),
    load_duration: load,
    prompt_eval_count: turn.promptEvalCount,
    prompt_eval_duration: promptEval,
    eval_count: evalCount,
    eval_duration: evalDuration,
  };
}

/** Streams the turn (or answers it as one object when the request said `stream: false`), counting sent chunks. */
export async function streamTurn(ex: Exchange, turn: Turn): Promise<void> {
  const { script, pieces } = turn;
  const startNs = process.hrtime.bigint();
  await pause(ex, script.firstTokenDelayMs ?? 0);
  const loadNs = Number(process.hrtime.bigint() - startNs);
  if (answerWithFault(ex.res, script.fault)) {
    return;
  }
  const out = turn.stream ? new NdjsonWriter(ex, script.splitUtf8 === true) : undefined;
  const midStream = midStreamFault(script.fault);
  const faultAt = midStream ? Math.min(midStream.afterTokens ?? pieces.length, pieces.length) : -1;
  const evalStartNs = process.hrtime.bigint();
  for (let i = 0; ; i++) {
    if (midStream && i === faultAt && (await applyMidStreamFault(ex, out, midStream))) {
      return;
    }
    if (i === pieces.length) {
      break;
    }
    if (i > 0) {
      await pause(ex, script.tokenDelayMs ?? 0);
    }
    await out?.line(chunk(turn.api, turn.model, pieces[i]));
    ex.record.tokensSent++;
  }
  const stats = finalStats(turn, loadNs, Number(process.hrtime.bigint() - evalStartNs), Number(process.hrtime.bigint() - startNs));
  if (out) {
    await out.line(finalChunk(turn.api, turn.model, turn.doneReason, stats));
    out.end();
  } else {
    sendJson(ex.res, 200, finalChunk(turn.api, turn.model, turn.doneReason, stats, pieces));
  }
}
