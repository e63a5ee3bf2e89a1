/**
 * Lists the files in a zip archive (a VSIX is one) from its central directory, so the size check needs neither
 * `unzip` on the machine nor a dependency.
 */
import { readFileSync } from 'node:fs';

export interface ZipEntry {
  name: string;
  /** Uncompressed size in bytes. */
  size: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
/** Fixed part of the end record; a trailing archive comment may follow it (up to 64 KB). */
const END_RECORD_SIZE = 22;

/** The entries of the zip file at `path`, in archive order. Throws on a file that is not a zip. */
export function listZip(path: string): ZipEntry[] {
  const zip = readFileSync(path);
  let end = zip.length - END_RECORD_SIZE;
  const lowest = Math.max(0, end - 0xffff);
  while (end >= lowest && zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) end--;
  if (end < lowest) throw new Error(`${path} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_DIRECTORY_HEADER) throw new Error(`${path}: broken central directory`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
