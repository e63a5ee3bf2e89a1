// Runs compiled mocha test files found under a folder. Used inside the extension host (integration tests) and in
// plain Node (UI tests), so both suites report the same way.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha = require('mocha');
import ResultReporter = require('./resultReporter');

export interface MochaRun {
  /** Folder searched recursively. */
  root: string;
  /** File name ending of test files, e.g. `.test.js`. */
  suffix: string;
  /** Per-test timeout in ms. */
  timeout: number;
}

/** Lists matching files, sorted so runs are repeatable. */
function findTestFiles(root: string, suffix: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => join(root, file));
}

/**
 * Runs the tests (BDD, spec output plus an `@@RESULT` line) and resolves with the number of failures.
 * The env variable `OLLAMA_CHAT_TEST_GREP` narrows the run to tests whose full title matches it.
 * Rejects when no test file exists, since a suite that silently runs nothing looks green.
 */
export function runMocha({ root, suffix, timeout }: MochaRun): Promise<number> {
  const files = findTestFiles(root, suffix);
  if (files.length === 0) return Promise.reject(new Error(`no *${suffix} files under ${root}`));
  const mocha = new Mocha({ ui: 'bdd', timeout, reporter: ResultReporter, color: Boolean(process.stdout.isTTY) });
  const grep = process.env.OLLAMA_CHAT_TEST_GREP;
  if (grep) mocha.grep(grep);
  files.forEach((file) => mocha.addFile(file));
  return new Promise((resolve, reject) => {
    try {
      mocha.run(resolve);
    } catch (err) {
      reject(err);
    }
  });
}
