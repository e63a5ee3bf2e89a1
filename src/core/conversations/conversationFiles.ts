/**
 * Where the conversations are kept: each conversation's record in a file of its own in the extension's storage folder
 * for the workspace, every other key (the index of ids, the open conversation, notices) in `workspaceState`.
 *
 * VS Code sends an extension's whole `workspaceState` to its window with every write (VS Code 1.139), and the window
 * reads it in one task: with the records in it, opening a conversation or storing a reply cost the window time in
 * proportion to all stored history (36–90 ms with 1.4 MB stored). A file costs the window nothing, and writing one
 * conversation writes that conversation only.
 *
 * Files are written through a temporary file and a rename, so a crash never leaves half a record under a valid name;
 * writes of one key run in order, and a write that is queued behind another writes only the newest value. A file that
 * cannot be read is set aside (renamed `*.unreadable`) and reported, never deleted. Records an earlier version kept in
 * `workspaceState` move to files when the store is read, the file written before the old key is removed.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryFile, writeAtomically } from '../files/writeAtomically';
import type { KeyValueStore } from './conversationStore';

/** A record's file name: the SHA-256 of its key, so any id makes a safe name on every file system. */
export function recordFileName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}.json`;
}

/** What a file holds. */
interface RecordFile {
  key: string;
  value: unknown;
}

function isRecordFile(data: unknown): data is RecordFile {
  return typeof data === 'object' && data !== null && typeof (data as RecordFile).key === 'string' && (data as RecordFile).value !== undefined;
}

/** Files read at the same time when the folder is read (each read waits for the disk, not for the CPU). */
const READ_AT_ONCE = 16;
/** A temporary file older than this is left over from a crash (not another window's write under way). */
const LEFT_OVER_MS = 60_000;

export class ConversationFiles implements KeyValueStore {
  /** The keys kept in files that have a value (on disk, or on its way there). */
  private readonly present = new Set<string>();
  /**
   * Values parsed when the folder was read, until `get` hands each out: the store reads each once, after `reload`,
   * and keeps its own copy (keeping the files' text too would double the memory a long history takes).
   */
  private readonly parsed = new Map<string, unknown>();
  /** The text of each file to write, from `update` until the file holds it (undefined: remove the file). */
  private readonly latest = new Map<string, string | undefined>();
  /** Keys changed since their file was last written. */
  private readonly unwritten = new Set<string>();
  /** The last write queued for each key. */
  private readonly writes = new Map<string, Promise<void>>();

  /**
   * `memento`: `workspaceState`, for the keys not in files; `dir`: the folder of the files (created on the first
   * write); `inFile`: which keys go to files.
   */
  constructor(
    private readonly memento: KeyValueStore,
    readonly dir: string,
    private readonly inFile: (key: string) => boolean,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  get<T>(key: string): T | undefined {
    if (!this.inFile(key)) return this.memento.get<T>(key);
    if (this.parsed.has(key)) {
      const value = this.parsed.get(key);
      this.parsed.delete(key);
      return value as T;
    }
    if (!this.present.has(key)) return undefined;
    // Read again (rare: the store keeps what it read): from the write under way, else from the file (if still there).
    const text = this.latest.get(key) ?? readIfThere(join(this.dir, recordFileName(key)));
    return text === undefined ? undefined : (parse(text)?.value as T | undefined);
  }

  /** Takes the value as it is now (later changes to the object are not written) and resolves once it is on disk. */
  update(key: string, value: unknown): Promise<void> {
    if (!this.inFile(key)) return Promise.resolve(this.memento.update(key, value));
    this.parsed.delete(key);
    if (value === undefined) {
      this.present.delete(key);
      this.latest.set(key, undefined);
    } else {
      this.present.add(key);
      this.latest.set(key, `{"key":${JSON.stringify(key)},"value":${JSON.stringify(value)}}`);
    }
    this.unwritten.add(key);
    return this.queueWrite(key);
  }

  keys(): readonly string[] {
    return [...this.memento.keys().filter((k) => !this.inFile(k)), ...this.present];
  }

  /** Resolves once the writes under way are done (or failed): before the extension host goes away. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  /** Reads the folder again (after the writes under way), and moves records still in `workspaceState` to files. */
  async reload(): Promise<void> {
    await this.settled();
    this.present.clear();
    this.parsed.clear();
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let setAside = 0;
    await inPool(names, READ_AT_ONCE, async (name) => {
      const path = join(this.dir, name);
      if (isTemporaryFile(name)) await removeLeftOver(path);
      if (!name.endsWith('.json')) return;
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const record = text === undefined ? undefined : parse(text);
      if (text !== undefined && record && this.inFile(record.key) && recordFileName(record.key) === name) {
        this.present.add(record.key);
        this.parsed.set(record.key, record.value);
        return;
      }
      setAside++;
      await rename(path, `${path}.unreadable`).catch(() => undefined);
    });
    if (setAside) this.log(`Set aside ${setAside} conversation file(s) that could not be read (renamed *.unreadable in ${this.dir}).`);
    await this.moveFromMemento();
  }

  /** Records an earlier version kept in `workspaceState`: each is written to its file first, then removed there. */
  private async moveFromMemento(): Promise<void> {
    const keys = this.memento.keys().filter((k) => this.inFile(k));
    for (const key of keys) {
      // A file written after the record (by a move that did not get to remove it) is the newer one.
      const value = this.memento.get(key);
      if (!this.present.has(key) && value !== undefined) await this.update(key, value);
      await this.memento.update(key, undefined);
    }
    if (keys.length) this.log(`Moved ${keys.length} conversation(s) from workspaceState to files in ${this.dir}.`);
  }

  private queueWrite(key: string): Promise<void> {
    const previous = this.writes.get(key) ?? Promise.resolve();
    const write = previous.then(() => this.write(key), () => this.write(key));
    this.writes.set(key, write);
    const done = () => {
      if (this.writes.get(key) === write) this.writes.delete(key);
    };
    write.then(done, done);
    return write;
  }

  /** Writes the key's newest value, unless a write queued before this one already has. */
  private async write(key: string): Promise<void> {
    if (!this.unwritten.delete(key)) return;
    const path = join(this.dir, recordFileName(key));
    const text = this.latest.get(key);
    try {
      if (text === undefined) await rm(path, { force: true });
      else await writeAtomically(path, text);
      // The file holds the newest value, unless another came meanwhile (its write is queued).
      if (!this.unwritten.has(key)) this.latest.delete(key);
    } catch (e) {
      // The next write of this key tries again with its newest value.
      this.unwritten.add(key);
      throw e;
    }
  }
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function removeLeftOver(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info && Date.now() - info.mtimeMs > LEFT_OVER_MS) await rm(path, { force: true });
}

function parse(text: string): RecordFile | undefined {
  try {
    const data: unknown = JSON.parse(text);
    return isRecordFile(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
