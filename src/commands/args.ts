/**
 * Reading a command's arguments. They come from anywhere (the palette passes none, a menu passes the clicked
 * resource, a keybinding or another extension passes whatever it likes), so each is checked, never trusted.
 */
import vscode = require('vscode');

/** The argument if it is a string, else undefined. */
export function stringArg(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The argument if it is a `vscode.Uri`, else undefined. */
export function uriArg(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

/** The argument if it is a plain object (fields still to be checked by the caller), else undefined. */
export function objectArg(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

/** The argument if it is one of `choices`, else undefined. */
export function oneOf<T extends string>(value: unknown, choices: readonly T[]): T | undefined {
  return choices.includes(value as T) ? value as T : undefined;
}
