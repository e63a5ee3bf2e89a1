// The simulator as a process of its own (`node out/simulator/cli.js`, `npm run simulator`), as the demo's users,
// the benchmarks and simulator/README.md run it.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Ollama } from 'ollama';

const repoRoot = join(__dirname, '..', '..', '..');
const CLI = join(repoRoot, 'out', 'simulator', 'cli.js');

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Resolves when the child exits, with everything it printed. */
function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (part: Buffer) => (stdout += part.toString()));
  child.stderr?.on('data', (part: Buffer) => (stderr += part.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with the URL the CLI prints once it listens. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (part: Buffer) => {
      output += part.toString();
      const match = /^Ollama simulator listening on (http:\/\/\S+)$/m.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before listening: ${output}`)));
  });
}

describe('the simulator CLI', function () {
  this.timeout(60_000);
  const children: ChildProcess[] = [];
  const cli = (...args: string[]): ChildProcess => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    return child;
  };
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('prints its URL, answers the real client there, and stops cleanly on SIGTERM', async () => {
    const child = cli('--port', '0', '--token-delay-ms', '0');
    const end = finished(child);
    const url = await listeningUrl(child);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new Ollama({ host: url });
    const reply = await client.chat({ model: 'mistral', messages: [{ role: 'user', content: 'Hello CLI' }], stream: false });
    assert.match(reply.message.content, /You asked: Hello CLI/);
    child.kill('SIGTERM');
    assert.equal((await end).code, 0);
  });

  it('says how to use it on --help, and refuses an unknown argument with the same text', async () => {
    const help = await finished(cli('--help'));
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: node out\/simulator\/cli\.js /);
    assert.match(help.stdout, /--token-delay-ms/);
    const wrong = await finished(cli('--prot', '1'));
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /unexpected argument --prot 1\nusage: /);
  });

  it('on a busy port names it and says how to choose another', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as AddressInfo;
    try {
      const result = await finished(cli('--port', String(port)));
      assert.equal(result.code, 1);
      assert.match(result.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use .*--port ${port + 1}`));
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('runs as `npm run simulator`, which builds it first', async () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', '--silent', 'simulator', '--', '--help'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const result = await finished(child);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^usage: node out\/simulator\/cli\.js /m);
  });
});
