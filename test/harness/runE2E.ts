// `npm run test:e2e`: runs the UI tests (`out/test/e2e/**/*.e2e.js`, mocha in plain Node driving code-server in
// Chromium through `test/e2e/driver.ts`) and exits non-zero if any failed.
import { join } from 'node:path';
import { repoRoot } from './install';
import { shutdown } from './processGroup';
import { runMocha } from './runMocha';

const overallTimeoutMs = Number(process.env.OLLAMA_CHAT_TEST_TIMEOUT_MS ?? 15 * 60_000);

// A hung run still closes its workbenches; the exit handler kills whatever does not close in time.
setTimeout(() => void shutdown(124, `e2e not finished after ${overallTimeoutMs / 1000} s`), overallTimeoutMs).unref();

runMocha({ root: join(repoRoot, 'out', 'test', 'e2e'), suffix: '.e2e.js', timeout: 60_000 }).then(
  (failures) => process.exit(failures > 0 ? 1 : 0),
  (err: Error) => {
    console.error(`[e2e] ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
