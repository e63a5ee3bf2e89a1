/** Every request the simulator received, with how it ended, and waiting for one to arrive. */

/** How a request ended: answered in full, abandoned by the client, or cut by the server (drop/stop). */
export type RequestOutcome = 'completed' | 'clientClosed' | 'serverDropped';

/** A request as the simulator saw it. */
export interface RecordedRequest {
  id: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when empty or not JSON. */
  body: unknown;
  /** Resolves when the request's response finished or the client closed the connection. */
  done: Promise<RequestOutcome>;
  outcome?: RequestOutcome;
  /** Thinking and content chunks generated so far (not counting the final `done` chunk). */
  tokensSent: number;
}

interface Waiter {
  predicate: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
  reject: (e: Error) => void;
}

/** The requests in arrival order, and the callers waiting for one that matches. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Appends a request and hands it to every waiter whose predicate it matches (a throwing predicate rejects). */
  add(record: RecordedRequest): void {
    this.requests.push(record);
    for (const waiter of this.waiters) {
      try {
        if (waiter.predicate(record)) {
          this.waiters.delete(waiter);
          waiter.resolve(record);
        }
      } catch (error) {
        this.waiters.delete(waiter);
        waiter.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** Resolves with the first request (logged or future) matching the predicate; rejects after timeoutMs. */
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
    const existing = this.requests.find(predicate);
    if (existing) {
      return Promise.resolve(existing);
    }
    if (this.closed) {
      return Promise.reject(new Error('OllamaSimulator is stopped'));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No matching request within ${timeoutMs} ms (${this.requests.length} recorded)`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects every waiter, and every later wait that no logged request matches: the simulator stopped. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters) {
      waiter.reject(new Error('OllamaSimulator stopped before a matching request'));
    }
    this.waiters.clear();
  }
}
