/**
 * Writing a file so that a crash never leaves half of it under its name: the data goes to a temporary file in the
 * same folder, which is then renamed over the name (a rename within a folder replaces the file whole). A temporary
 * file that is left over (the process died before the rename) is recognised by `isTemporaryFile`.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `path` through a temporary file and a rename, making the folder first if needed. */
export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${randomUUID()}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (e) {
    await rm(temporary, { force: true });
    throw e;
  }
}

/** Whether `path` names a temporary file of `writeAtomically` (one still being written, or left by a crash). */
export function isTemporaryFile(path: string): boolean {
  return /^\..*\.tmp$/.test(basename(path));
}
