/**
 * An HTTP server that speaks the Ollama API closely enough that the real `ollama` npm client cannot tell it apart:
 * same paths, status codes, `{"error":"…"}` bodies, NDJSON streams flushed chunk by chunk, headers only once the
 * first token exists, Go-style JSON escaping and real final-chunk statistics. It generates nothing: replies are
 * canned or scripted. Tests script replies and faults and see every request with its outcome; the demo runs it in
 * place of Ollama. Node built-ins only, so it runs in mocha, in the VS Code extension host, in e2e drivers and
 * benchmarks.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Exchange } from './exchange';
import type { Redirect } from './faults';
import { DEFAULT_MODELS, ModelRegistry, type SimulatedModel } from './modelRegistry';
import type { ShowFault } from './modelRoutes';
import type { ReplyScript } from './replyScript';
import { ReplyScripts } from './replyScripts';
import { parseJsonOrUndefined, readBody } from './requestBody';
import { RequestLog, type RecordedRequest, type RequestOutcome } from './requestLog';
import { route } from './router';
import { HttpFailure, sendError } from './wire';

/** Where the simulator listens, what it has installed, and how fast it answers. */
export interface OllamaSimulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Installed models; default {@link DEFAULT_MODELS}. */
  models?: SimulatedModel[];
  /** Delay between chunks when a script does not say (also paces pull progress). Default 0. */
  defaultTokenDelayMs?: number;
}

/** An Ollama-protocol server for tests and the demo. Create with {@link OllamaSimulator.start}. */
export class OllamaSimulator {
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];

  private readonly log = new RequestLog();
  private readonly models: ModelRegistry;
  private readonly scripts: ReplyScripts;
  private redirect: Redirect | undefined;
  private showFault: ShowFault | undefined;
  private readonly sockets = new Set<Socket>();
  private nextId = 1;
  private stopping?: Promise<void>;
  private readonly defaultTokenDelayMs: number;

  private constructor(
    private readonly server: http.Server,
    host: string,
    options: OllamaSimulatorOptions,
  ) {
    this.port = (server.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
    this.requests = this.log.requests;
    this.defaultTokenDelayMs = options.defaultTokenDelayMs ?? 0;
    this.scripts = new ReplyScripts(this.defaultTokenDelayMs);
    this.models = new ModelRegistry(options.models ?? [...DEFAULT_MODELS]);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res));
  }

  /** Starts listening (default 127.0.0.1 on a free port) and resolves once connections are accepted. */
  static async start(options: OllamaSimulatorOptions = {}): Promise<OllamaSimulator> {
    const host = options.host ?? '127.0.0.1';
    const server = http.createServer({ noDelay: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new OllamaSimulator(server, host, options);
  }

  /**
   * The next chat/generate request uses this script (FIFO queue; when empty, the default reply).
   * Requests answered 400/404 and bare model loads (empty prompt or messages) do not take from the queue.
   */
  enqueueReply(script: ReplyScript): void {
    this.scripts.enqueue(script);
  }

  /** Behaviour for all chat/generate requests when the queue is empty (merged over defaults). */
  setDefaultReply(script: ReplyScript): void {
    this.scripts.setDefault(script);
  }

  /**
   * Answers every request (recorded first, body read) with `status` and a `Location` from `location(path)`, as a
   * misconfigured or hostile proxy would; `undefined` goes back to answering normally.
   */
  setRedirect(redirect: Redirect | undefined): void {
    this.redirect = redirect;
  }

  /** Makes every `/api/show` late and/or fail (`{ delayMs, status, error }`); `undefined` ends it. */
  setShowFault(fault: ShowFault | undefined): void {
    this.showFault = fault;
  }

  /** Replaces the installed models; they also become pullable after a later delete. */
  setModels(models: SimulatedModel[]): void {
    this.models.setInstalled(models);
  }

  /** Resolves with the first recorded request (existing or future) matching the predicate; rejects after timeoutMs (default 10000). */
  waitForRequest(predicate: (r: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Close listening socket and destroy every open connection. Safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.log.close();
      this.server.close(() => resolve());
      for (const socket of this.sockets) {
        socket.destroy();
      }
    });
    return this.stopping;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const controller = new AbortController();
    let settle: (outcome: RequestOutcome) => void = () => undefined;
    const record: RecordedRequest = {
      id: this.nextId++,
      method: req.method ?? 'GET',
      path: new URL(req.url ?? '/', 'http://localhost').pathname,
      headers: req.headers,
      body: undefined,
      done: new Promise<RequestOutcome>((resolve) => (settle = resolve)),
      tokensSent: 0,
    };
    const exchange: Exchange = { req, res, record, signal: controller.signal, dropped: false };
    // 'close' fires once the response finished, or when the socket went away before that: the only
    // reliable way to notice a client abort while we sit in a delay between tokens.
    res.on('close', () => {
      record.outcome = res.writableFinished ? 'completed' : exchange.dropped || this.stopping ? 'serverDropped' : 'clientClosed';
      controller.abort();
      settle(record.outcome);
    });
    readBody(req)
      .then((raw) => {
        record.body = parseJsonOrUndefined(raw);
        this.log.add(record);
        const state = { models: this.models, scripts: this.scripts, pullStepDelayMs: this.defaultTokenDelayMs, redirect: this.redirect, showFault: this.showFault };
        return route(exchange, raw, state);
      })
      .catch((error: unknown) => this.fail(exchange, error));
  }

  /** Ends an exchange whose handler threw: silently when it was aborted, else as Ollama's 500. */
  private fail(ex: Exchange, error: unknown): void {
    if (ex.signal.aborted) {
      return;
    }
    if (error instanceof HttpFailure) {
      sendError(ex.res, error.status, error.message);
    } else if (!ex.res.headersSent) {
      sendError(ex.res, 500, error instanceof Error ? error.message : String(error));
    } else {
      ex.res.destroy();
    }
  }
}
