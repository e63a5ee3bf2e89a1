// User settings of a test profile: a quiet workbench (no welcome page, tips, AI chat or telemetry), plus whatever
// the caller passes in (typically the extension's own `ollamaChat.*` settings).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Settings every new profile starts with. */
export const quietWorkbenchSettings: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
};

/**
 * Merges `extra` into `<userDataDir>/User/settings.json`, creating it with the quiet defaults if missing.
 * VS Code does not pick up a settings file edited from outside while a window is open, so call this before start.
 */
export function updateUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const file = join(userDataDir, 'User', 'settings.json');
  const current: Record<string, unknown> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : quietWorkbenchSettings;
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...current, ...extra }, null, 2)}\n`);
}
