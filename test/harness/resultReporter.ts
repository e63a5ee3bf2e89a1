// Mocha's spec reporter plus one machine-readable closing line, so the test runner can add up suites reliably
// even when the output passes through the VS Code workbench log. Usable as `mocha --reporter <this file>`.
import Mocha = require('mocha');

/** Prefix of the summary line: `@@RESULT {"passed":N,"failed":M,"pending":K}`. */
const RESULT_PREFIX = '@@RESULT ';

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      console.log(`${RESULT_PREFIX}${JSON.stringify({ passed: passes, failed: failures, pending })}`);
    });
  }
}

export = ResultReporter;
