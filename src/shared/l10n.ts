/**
 * The one translation function of core, host and webview. Keys are the English strings (VS Code's convention), so
 * English needs no bundle and a missing key falls back to English. The extension host feeds it
 * `vscode.l10n.bundle` (the `l10n/bundle.l10n.<language>.json` VS Code loaded for the display language) and passes
 * the same bundle to the webview, so the three layers say the same words. Placeholders are `{0}`, `{1}`, … as in
 * `vscode.l10n.t`; no `vscode` import, so core and the webview can use it.
 */

/** Translations keyed by their English text. */
export type L10nBundle = Readonly<Record<string, string>>;

let current: L10nBundle = {};
let language = 'en';

/**
 * Uses `bundle` for every later `t` (none, or an empty one: English), for text in `displayLanguage` (VS Code's
 * `env.language`, e.g. `de`). Entries that are not strings are ignored: the bundle may come from a file or a page.
 */
export function setL10nBundle(bundle: unknown, displayLanguage = 'en'): void {
  const next: Record<string, string> = {};
  if (bundle && typeof bundle === 'object') {
    for (const [key, value] of Object.entries(bundle)) if (typeof value === 'string') next[key] = value;
  }
  current = next;
  language = displayLanguage;
}

/** The bundle `t` translates with (the host hands it to the webview). */
export function l10nBundle(): L10nBundle {
  return current;
}

/** The display language the bundle is for (the webview's `<html lang>`). */
export function l10nLanguage(): string {
  return language;
}

/**
 * Fills `{0}`, `{1}`, … in `template` with `args`; a placeholder without an argument stays as it is, as in
 * `vscode.l10n.t`.
 */
export function formatMessage(template: string, args: ReadonlyArray<string | number | boolean>): string {
  return template.replace(/\{(\d+)\}/g, (match, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? match : String(value);
  });
}

/**
 * `value` as the display language writes numbers (`3,100.5` in English, `3.100,5` in German), with `digits`
 * decimals; English when the language is not one Intl knows.
 */
export function formatNumber(value: number, digits = 0): string {
  // Rounded as `toFixed` rounds (41.05 → 41.0), then written in the language's digits and separators.
  return numberFormat(digits).format(Number(value.toFixed(digits)));
}

/**
 * One formatter per display language and number of decimals, made on first use: making an `Intl.NumberFormat` took
 * 21–57 µs, formatting with one made before about 1 µs (Node 20 on the CI machine), and the stats and the context
 * meter format several numbers at the end of every reply and as the user types.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(digits: number): Intl.NumberFormat {
  const key = `${language} ${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    try {
      format = new Intl.NumberFormat(language, options);
    } catch {
      format = new Intl.NumberFormat('en', options);
    }
    numberFormats.set(key, format);
  }
  return format;
}

/** `message` in the display language (English when there is no translation), with `{n}` filled from `args`. */
export function t(message: string, ...args: Array<string | number | boolean>): string {
  return formatMessage(current[message] ?? message, args);
}
