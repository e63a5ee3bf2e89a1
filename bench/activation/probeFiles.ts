/**
 * How the activation driver and the probe inside VS Code talk: files in the window's workspace folder (the
 * extension host inherits no environment from the driver). Kept apart from the probe, which imports `vscode`.
 */

/** A JSON array of extension ids, activated in that order. */
export const PROBE_INPUT = 'ollama-chat-bench-probe.json';
/** The probe's {@link ProbeReport}. */
export const PROBE_OUTPUT = 'ollama-chat-bench-result.json';
/**
 * Written by the driver once it has read what VS Code shows about the activations: the probe waits for it before
 * it returns, because the workbench stops the extension host (and forgets those figures) when the tests end.
 */
export const PROBE_RELEASE = 'ollama-chat-bench-release';

/** What the probe reports for one extension. */
export interface ActivationSample {
  id: string;
  /** Already active before the probe asked: something activated it during start-up. */
  wasActive: boolean;
  /** Wall time of `Extension.activate()` (loading the module and running its `activate`). */
  ms: number;
}

/** The probe's whole report. */
export interface ProbeReport {
  vscodeVersion: string;
  appName: string;
  /** Node version of the extension host. */
  node: string;
  /** How long the probe waited for the extension host to become idle before measuring. */
  idleWaitMs: number;
  samples: ActivationSample[];
}
