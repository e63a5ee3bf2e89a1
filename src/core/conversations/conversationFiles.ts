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
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** A file left by a write that never reached its rename. */
const TEMPORARY = /^\..*\.tmp$/;
/** A temporary file older than this is left over from a crash (not another window's write under way). */
const LEFT_OVER_MS = 60_000;

export class ConversationFiles implements KeyValueStore {
  /** The text of each record's file, for the keys kept in files. */
  private readonly files = new Map<string, string>();
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
    const text = this.files.get(key);
    return text === undefined ? undefined : ((JSON.parse(text) as RecordFile).value as T);
  }

  /** Takes the value as it is now (later changes to the object are not written) and resolves once it is on disk. */
  update(key: string, value: unknown): Promise<void> {
    if (!this.inFile(key)) return Promise.resolve(this.memento.update(key, value));
    if (value === undefined) this.files.delete(key);
    else this.files.set(key, `{"key":${JSON.stringify(key)},"value":${JSON.stringify(value)}}`);
    this.unwritten.add(key);
    return this.queueWrite(key);
  }

  keys(): readonly string[] {
    return [...this.memento.keys().filter((k) => !this.inFile(k)), ...this.files.keys()];
  }

  /** Resolves once the writes under way are done (or failed): before the extension host goes away. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes.values()]);
  }

  /** Reads the folder again (after the writes under way), and moves records still in `workspaceState` to files. */
  async reload(): Promise<void> {
    await this.settled();
    this.files.clear();
    let names: string[] = [];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    let setAside = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      if (TEMPORARY.test(name)) await removeLeftOver(path);
      if (!name.endsWith('.json')) continue;
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const record = text === undefined ? undefined : parse(text);
      if (record && this.inFile(record.key) && recordFileName(record.key) === name) {
        this.files.set(record.key, text!);
        continue;
      }
      setAside++;
      await rename(path, `${path}.unreadable`).catch(() => undefined);
    }
    if (setAside) this.log(`Set aside ${setAside} conversation file(s) that could not be read (renamed *.unreadable in ${this.dir}).`);
    await this.moveFromMemento();
  }

  /** Records an earlier version kept in `workspaceState`: each is written to its file first, then removed there. */
  private async moveFromMemento(): Promise<void> {
    const keys = this.memento.keys().filter((k) => this.inFile(k));
    for (const key of keys) {
      // A file written after the record (by a move that did not get to remove it) is the newer one.
      const value = this.memento.get(key);
      if (!this.files.has(key) && value !== undefined) await this.update(key, value);
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
    const text = this.files.get(key);
    try {
      if (text === undefined) {
        await rm(path, { force: true });
        return;
      }
      await mkdir(this.dir, { recursive: true });
      const temporary = join(this.dir, `.${randomUUID()}.tmp`);
      try {
        await writeFile(temporary, text);
        await rename(temporary, path);
      } catch (e) {
        await rm(temporary, { force: true });
        throw e;
      }
    } catch (e) {
      // The next write of this key tries again with its newest value.
      this.unwritten.add(key);
      throw e;
    }
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
