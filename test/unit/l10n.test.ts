/**
 * Translation: `t` formats like `vscode.l10n.t`, and every user-facing string goes through it and is translated.
 * The scan (l10nScan.ts) reads `src`; a failure names each string and its file and line, so whoever added it can
 * wrap it in `t('…')` (or `vscode.l10n.t('…')` in a file that imports vscode) and add its German to
 * l10n/bundle.l10n.de.json.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMessage, formatNumber, l10nBundle, setL10nBundle, t } from '../../src/shared/l10n';
import { repoRoot } from '../harness/install';
import { placeholders, scanFile, sourceFiles, type Finding, type KeyUse } from './l10nScan';

const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Record<string, unknown>;
const list = (findings: Finding[]): string => findings.map((f) => `\n  ${f.where}: ${JSON.stringify(f.text)}`).join('');

describe('translation', () => {
  afterEach(() => setL10nBundle(undefined));

  describe('t', () => {
    it('fills {0}, {1}, … in order, however often and wherever they appear', () => {
      assert.equal(t('{1} before {0}, {0} again', 'a', 2), '2 before a, a again');
      assert.equal(formatMessage('{0} is {1}', [true, 0]), 'true is 0');
    });

    it('keeps a placeholder it has no argument for, as vscode.l10n.t does', () => {
      assert.equal(t('Pulled {0} of {1}', 3), 'Pulled 3 of {1}');
    });

    it('uses the bundle it was given, English for a key the bundle lacks, and ignores entries that are not text', () => {
      setL10nBundle({ 'Stop': 'Beenden', '{0} is generating': '{0} generiert', 'Bad': 42 }, 'de');
      assert.equal(t('Stop'), 'Beenden');
      assert.equal(t('{0} is generating', 'mistral'), 'mistral generiert');
      assert.equal(t('Send'), 'Send');
      assert.equal(t('Bad'), 'Bad');
      assert.deepEqual(Object.keys(l10nBundle()), ['Stop', '{0} is generating']);
    });

    it('is English without a bundle, or with one that is not an object', () => {
      setL10nBundle('{"Stop":"Beenden"}');
      assert.equal(t('Stop'), 'Stop');
    });
  });

  describe('formatNumber', () => {
    it('writes numbers as the display language does, after a change of language too, and in English for a language Intl does not know', () => {
      setL10nBundle({}, 'de');
      assert.equal(formatNumber(3100.5, 1), '3.100,5');
      assert.equal(formatNumber(41.05, 1), '41,0'); // rounded as toFixed rounds
      setL10nBundle({}, 'en');
      assert.equal(formatNumber(3100.5, 1), '3,100.5');
      assert.equal(formatNumber(3100.5), '3,101');
      setL10nBundle({}, 'de');
      assert.equal(formatNumber(3100), '3.100');
      setL10nBundle({}, 'not a language!');
      assert.equal(formatNumber(3100.25, 2), '3,100.25');
    });
  });

  describe('the code and the German bundle', () => {
    const german = readJson('l10n/bundle.l10n.de.json');
    const scans = sourceFiles(join(repoRoot, 'src')).map((file) => scanFile(file, repoRoot));
    const keys: KeyUse[] = scans.flatMap((s) => s.keys);

    it('puts no user-facing text on screen without t(…) or vscode.l10n.t(…)', () => {
      const found = scans.flatMap((s) => s.hardCoded);
      assert.equal(found.length, 0, `user-facing text not translated; wrap each in t('…') (vscode.l10n.t('…') where the file imports vscode) and add it to l10n/bundle.l10n.de.json:${list(found)}`);
    });

    it('gives t a string literal as its key, so the key can be found and translated', () => {
      const found = scans.flatMap((s) => s.badKeys);
      assert.equal(found.length, 0, `t(…) with a computed key; pass the English text as a literal and the rest as {0}, {1} arguments:${list(found)}`);
    });

    it('has a German translation of every key, with the same placeholders', () => {
      const missing = keys.filter((k) => typeof german[k.key] !== 'string');
      assert.equal(missing.length, 0, `keys missing from l10n/bundle.l10n.de.json:${list(missing)}`);
      const mismatched = keys.filter((k) => placeholders(k.key).join() !== placeholders(german[k.key] as string).join());
      assert.equal(mismatched.length, 0, `German translations whose {n} placeholders differ from the key's:${list(mismatched)}`);
    });

    it('has no German translation of text the code no longer uses', () => {
      const used = new Set(keys.map((k) => k.key));
      assert.deepEqual(Object.keys(german).filter((key) => !used.has(key)), [], 'keys of l10n/bundle.l10n.de.json no code uses');
    });
  });

  describe('the scan', () => {
    it('finds text in the status bar, chat responses, validation messages, buttons held in a const and formatting functions, by file and line', () => {
      const dir = mkdtempSync(join(tmpdir(), 'l10n-scan-'));
      const file = join(dir, 'sample.ts');
      writeFileSync(file, [
        "vscode.window.setStatusBarMessage('$(check) Copied', 2000);",
        "stream.progress('Reading files');",
        "stream.markdown(`Found ${n} files`);",
        "showInputBox({ validateInput: (v) => (v ? undefined : 'Enter a name.') });",
        'const send = `Send to ${host}`;',
        "void vscode.window.showWarningMessage(t('Send?'), send, ['Later']);",
        "export function formatSize(n: number): string { return `${n} ${n === 1 ? 'byte' : 'bytes'}`; }",
        "function statsLine(): string { const parts: string[] = []; parts.push(`${n} tokens`); return parts.join(' '); }",
        "export function formatId(n: number): string { return `#${n}`; }",
        "function codeLabel(cp: number): string { return `U+${cp}`; } // l10n-ignore",
      ].join('\n'));
      try {
        const found = scanFile(file, dir).hardCoded.map((f) => `${f.where} ${f.text}`);
        assert.deepEqual(found, [
          'sample.ts:1 $(check) Copied', 'sample.ts:2 Reading files', 'sample.ts:3 `Found ${n} files`', 'sample.ts:4 Enter a name.',
          'sample.ts:5 `Send to ${host}`', 'sample.ts:6 Later', "sample.ts:7 `${n} ${n === 1 ? 'byte' : 'bytes'}`", 'sample.ts:8 `${n} tokens`',
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the manifest', () => {
    const manifest = readFileSync(join(repoRoot, 'package.json'), 'utf8');
    const english = readJson('package.nls.json');
    const german = readJson('package.nls.de.json');
    const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);

    it('takes its titles and descriptions from package.nls.json', () => {
      const contributes = (JSON.parse(manifest) as { contributes: unknown }).contributes;
      const plain: string[] = [];
      const walk = (value: unknown, path: string): void => {
        if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
        else if (typeof value === 'string' && /\.(title|description|markdownDescription|category|fullName|displayName|label)$|views\.\w+\[\d+\]\.name$/.test(path) && !/^%.+%$/.test(value)) plain.push(`${path}: ${value}`);
      };
      walk(contributes, 'contributes');
      assert.deepEqual(plain, [], 'manifest strings to move to package.nls.json (as "%key%")');
    });

    it('has every %key% in English and German, and no key nothing uses', () => {
      assert.deepEqual(used.filter((k) => typeof english[k] !== 'string'), [], 'keys missing from package.nls.json');
      assert.deepEqual(used.filter((k) => typeof german[k] !== 'string'), [], 'keys missing from package.nls.de.json');
      assert.deepEqual(Object.keys(english).filter((k) => !used.includes(k)), [], 'keys of package.nls.json package.json does not use');
      assert.deepEqual(Object.keys(german).filter((k) => !used.includes(k)), [], 'keys of package.nls.de.json package.json does not use');
    });
  });
});
