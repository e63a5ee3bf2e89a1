// Entry point the extension host loads for the integration tests (`extensionTestsPath`): runs every
// `*.test.js` compiled next to this file with mocha, inside VS Code, with the `vscode` API available.
import { runMocha } from '../harness/runMocha';

/** Called by VS Code once the development extension is loaded; rejecting marks the run as failed. */
export async function run(): Promise<void> {
  const failures = await runMocha({ root: __dirname, suffix: '.test.js', timeout: 20_000 });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
