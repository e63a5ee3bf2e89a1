/**
 * Size: `npm run package` (production bundles + vsce), then the VSIX size, both bundle sizes, and what
 * the VSIX contains: the bundles, media and manifest must be in, sources, tests, maps and tooling must not.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand, tail } from './command';
import { below, none, type Figure, type SectionResult } from './report';
import { listZip } from './zipListing';

/** Files a working extension needs (paths inside the VSIX). */
const REQUIRED = [
  'extension/package.json', 'extension/dist/extension.js', 'extension/dist/commands.js', 'extension/dist/webview.js', 'extension/media/chat.css',
];
/** What must stay out: sources, tests, source maps, build output other than the bundles, tooling. */
const UNWANTED = [
  /^extension\/(src|test|bench|simulator|out|scripts|node_modules|\.ci|\.cache|\.vscode-test|test-results)\//,
  /\.map$/,
  /\.tsx?$/,
  /^extension\/(tsconfig\.json|esbuild\.js|package-lock\.json|\.gitignore)$/,
];
const ONE_MB = 1024 * 1024;

/** The most recently written `.vsix` in `dir`: the package script names its output. */
function newestVsix(dir: string): string {
  const vsix = readdirSync(dir)
    .filter((name) => name.endsWith('.vsix'))
    .map((name) => join(dir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!vsix.length) throw new Error(`no .vsix in ${dir} after npm run package`);
  return vsix[0];
}

export async function benchSize(repoRoot: string): Promise<SectionResult> {
  const packaged = await runCommand('npm', ['run', 'package'], repoRoot);
  if (packaged.code !== 0) throw new Error(`npm run package failed:\n${tail(packaged.output)}`);
  const dist = join(repoRoot, 'dist');
  const vsix = newestVsix(dist);
  const entries = listZip(vsix);
  const names = entries.map((e) => e.name);
  const unwanted = names.filter((name) => UNWANTED.some((re) => re.test(name)));
  const missing = REQUIRED.filter((name) => !names.includes(name));
  const area = 'Size';
  const bundle = (file: string, what: string): Figure => ({
    area, measure: `${what} bundle dist/${file} (production)`, value: statSync(join(dist, file)).size, unit: 'bytes',
  });
  return {
    figures: [
      {
        area, measure: 'VSIX', value: statSync(vsix).size, unit: 'bytes', goal: below(ONE_MB, 'bytes'),
        note: `${entries.length} files, ${(entries.reduce((s, e) => s + e.size, 0) / 1024).toFixed(0)} KB uncompressed: ${names.join(', ')}`,
      },
      bundle('extension.js', 'host'),
      bundle('commands.js', 'host, loaded on first use,'),
      bundle('webview.js', 'webview'),
      { area, measure: 'unwanted files in the VSIX (sources, tests, maps, tooling)', value: unwanted.length, unit: '', goal: none, note: unwanted.join(', ') || undefined },
      { area, measure: 'required files missing from the VSIX', value: missing.length, unit: '', goal: none, note: missing.join(', ') || undefined },
    ],
  };
}
