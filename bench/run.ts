/**
 * `npm run bench`: measures the extension against baselines taken in the same run, prints a
 * Markdown table with the machine's load and writes `test-results/bench.json`.
 *   node out/bench/run.js [--quick] [--only streaming,store,mentions,size,render,typing,burst,snapshot,reopen,activation]
 * `--quick` uses smaller sizes and one run where there are three (several minutes: burst, snapshot, reopen and
 * activation each open real VS Code windows). The exit code is 1 when a benchmark could not run; a missed goal
 * shows as FAIL in the table but does not change the exit code (the numbers are the product).
 */
import { join, resolve } from 'node:path';
import { benchActivation } from './activation/bench';
import { runCommand, tail } from './command';
import { loadAverage, machineFacts } from './machine';
import { benchMentions } from './mentions';
import { nowMs } from './measure';
import { evaluate, markdownNotes, markdownTable, writeJson, type Figure, type SectionResult } from './report';
import { benchRender } from './render/bench';
import { benchTyping } from './render/typing';
import { benchBurst } from './view/burst';
import { benchReopen } from './view/reopen';
import { benchSnapshot } from './view/snapshot';
import { benchStore } from './store';
import { benchSize } from './size';
import { benchStreaming } from './streaming';

const repoRoot = resolve(__dirname, '..', '..');
const OUTPUT = join(repoRoot, 'test-results', 'bench.json');

interface Section {
  name: string;
  /** Area shown in the table when the section fails as a whole. */
  area: string;
  run(quick: boolean): Promise<SectionResult>;
  /** Measures the bundles as they ship (minified, without source maps): built before the sections run. */
  shipping?: boolean;
}

const SECTIONS: Section[] = [
  { name: 'streaming', area: 'Streaming', run: benchStreaming },
  { name: 'store', area: 'Store', run: benchStore },
  { name: 'mentions', area: 'Mentions', run: benchMentions },
  // Packaging builds the production bundles itself.
  { name: 'size', area: 'Size', run: () => benchSize(repoRoot) },
  { name: 'render', area: 'Render', run: (quick) => benchRender(repoRoot, quick), shipping: true },
  { name: 'typing', area: 'Typing', run: (quick) => benchTyping(repoRoot, quick), shipping: true },
  // The shipping extension in real VS Code, driven as a user drives it, against a plain-text floor.
  { name: 'burst', area: 'Burst', run: (quick) => benchBurst(repoRoot, quick), shipping: true },
  { name: 'snapshot', area: 'Snapshot', run: (quick) => benchSnapshot(repoRoot, quick), shipping: true },
  { name: 'reopen', area: 'Reopen', run: (quick) => benchReopen(repoRoot, quick), shipping: true },
  { name: 'activation', area: 'Start-up', run: (quick) => benchActivation(repoRoot, quick), shipping: true },
];

function parseArgs(argv: string[]): { quick: boolean; only?: string[] } {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1]?.split(',') : undefined;
  const unknown = only?.filter((name) => !SECTIONS.some((s) => s.name === name)) ?? [];
  if (unknown.length || (onlyAt >= 0 && !only)) {
    throw new Error(`--only takes a comma-separated list of: ${SECTIONS.map((s) => s.name).join(', ')}`);
  }
  return { quick, only };
}

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const started = nowMs();
  const facts = machineFacts();
  console.log(`Ollama Chat benchmark (${quick ? 'quick' : 'full'})`);
  console.log(Object.entries(facts).map(([k, v]) => `  ${k}: ${v}`).join('\n'));
  const figures: Figure[] = [];
  const errors: string[] = [];
  const sections = SECTIONS.filter((s) => !only || only.includes(s.name));
  const production = sections.some((s) => s.shipping || s.name === 'size');
  if (sections.some((s) => s.shipping)) {
    const built = await runCommand(process.execPath, ['esbuild.js', '--production'], repoRoot);
    if (built.code !== 0) throw new Error(`the production build failed:\n${tail(built.output)}`);
  }
  for (const section of sections) {
    const sectionStart = nowMs();
    console.log(`\n[bench] ${section.name}…`);
    try {
      const result = await section.run(quick);
      figures.push(...result.figures);
      Object.assign(facts, result.facts);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      errors.push(`${section.name}: ${message}`);
      console.error(`[bench] ${section.name} failed: ${err instanceof Error ? err.stack : message}`);
      figures.push({ area: section.area, measure: `${section.name} benchmark`, value: null, unit: '', failed: true, note: `failed: ${message.split('\n')[0]}` });
    }
    const load = loadAverage();
    facts[`load average after ${section.name}`] = load;
    console.log(`[bench] ${section.name} done in ${((nowMs() - sectionStart) / 1000).toFixed(1)} s (load average ${load})`);
  }
  if (production) {
    // Leave dist/ as `npm run compile` makes it (with source maps), not as the production build left it.
    const rebuilt = await runCommand(process.execPath, ['esbuild.js'], repoRoot);
    if (rebuilt.code !== 0) errors.push(`restoring the development build failed:\n${tail(rebuilt.output)}`);
  }
  const evaluated = figures.map(evaluate);
  const durationS = (nowMs() - started) / 1000;
  console.log(`\n${Object.entries(facts).map(([k, v]) => `${k}: ${v}`).join(' · ')}\n`);
  console.log(markdownTable(evaluated));
  const notes = markdownNotes(evaluated);
  if (notes) console.log(`\n${notes}`);
  const count = (status: string): number => evaluated.filter((f) => f.status === status).length;
  const summary = { pass: count('PASS'), fail: count('FAIL'), skip: count('SKIP'), errors };
  console.log(`\n${summary.pass} goals met, ${summary.fail} missed, ${summary.skip} not measured, ${errors.length} benchmark(s) crashed; ${durationS.toFixed(0)} s`);
  writeJson(OUTPUT, { mode: quick ? 'quick' : 'full', date: new Date().toISOString(), durationS, machine: facts, summary, figures: evaluated });
  console.log(`Wrote ${OUTPUT}`);
  return errors.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
