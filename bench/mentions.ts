/**
 * Mentions (host side): filtering the workspace's files for what is typed after `@`, per key press, on 10,000 and
 * 50,000 paths shaped like a monorepo's, against the same on 100 paths; preparing the list once (after `findFiles`
 * or a file watcher's change); and the size of the answer posted to the view. The filtering runs in the extension
 * host next to the list, so only the rows shown cross to the webview.
 */
import { fuzzyCandidate, fuzzyFilter } from '../src/core/mentions/fuzzyMatch';
import { median, medianTimeSync } from './measure';
import { atMost, ratioAtMost, type Figure, type SectionResult } from './report';

/** What a person types, one key at a time, then the answer to each prefix is measured. */
const TYPED = ['chatservice', 'src/webview/comp', 'readme', 'zzzz'];
const ROWS = 40;
const REPEAT = 20;
const FOLDERS = ['src', 'lib', 'test', 'packages/core/src', 'packages/ui/src/components', 'docs', 'scripts', 'apps/web/pages'];
const WORDS = ['chat', 'view', 'service', 'store', 'model', 'button', 'list', 'panel', 'relay', 'util', 'index', 'config', 'parser', 'render'];
const EXTENSIONS = ['.ts', '.tsx', '.md', '.json', '.css', '.test.ts'];

/** `count` distinct, realistic relative paths. */
function samplePaths(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const folder = `${FOLDERS[i % FOLDERS.length]}/${WORDS[(i >> 3) % WORDS.length]}${i % 5 ? `/${WORDS[(i >> 5) % WORDS.length]}` : ''}`;
    const name = `${WORDS[i % WORDS.length]}${WORDS[(i * 7) % WORDS.length]!.replace(/^./, (c) => c.toUpperCase())}${i}`;
    return `${folder}/${name}${EXTENSIONS[i % EXTENSIONS.length]}`;
  });
}

/** Median over every prefix typed of the time to filter `paths`, in ms. */
function perKeyPress(paths: string[]): number {
  const candidates = paths.map((p) => fuzzyCandidate(p, p));
  const times: number[] = [];
  for (const word of TYPED) {
    for (let n = 1; n <= word.length; n++) times.push(medianTimeSync(() => fuzzyFilter(word.slice(0, n), candidates, ROWS), REPEAT));
  }
  return median(times);
}

/** The worst prefix (the one with the most matches to rank) for `paths`, in ms. */
function worstKeyPress(paths: string[]): number {
  const candidates = paths.map((p) => fuzzyCandidate(p, p));
  return Math.max(...TYPED.flatMap((word) => [...word].map((_c, n) => medianTimeSync(() => fuzzyFilter(word.slice(0, n + 1), candidates, ROWS), REPEAT))));
}

export async function benchMentions(): Promise<SectionResult> {
  const few = samplePaths(100);
  const tenK = samplePaths(10_000);
  const fiftyK = samplePaths(50_000);
  const baseline = perKeyPress(few);
  const tenKMs = perKeyPress(tenK);
  const prepareMs = medianTimeSync(() => tenK.map((p) => fuzzyCandidate(p, p)), 5);
  const answer = fuzzyFilter('c', tenK.map((p) => fuzzyCandidate(p, p)), ROWS).map((label, i) => ({ id: `m${i}`, label, detail: label, kind: 'file' }));
  const figures: Figure[] = [
    { area: 'Mentions', measure: 'filter 10,000 paths per key press (median)', value: tenKMs, unit: 'ms', baseline: { label: '100 paths', value: baseline }, goal: atMost(4, 'ms') },
    { area: 'Mentions', measure: 'filter 10,000 paths, worst key press', value: worstKeyPress(tenK), unit: 'ms', goal: atMost(8, 'ms') },
    { area: 'Mentions', measure: 'filter 50,000 paths per key press (median)', value: perKeyPress(fiftyK), unit: 'ms', baseline: { label: '10,000 paths', value: tenKMs }, goal: ratioAtMost(7) },
    { area: 'Mentions', measure: 'prepare 10,000 paths (after findFiles or a change)', value: prepareMs, unit: 'ms', goal: atMost(20, 'ms') },
    { area: 'Mentions', measure: 'answer posted to the view (40 rows)', value: Buffer.byteLength(JSON.stringify(answer)), unit: 'B', goal: atMost(8192, 'B') },
  ];
  return { figures };
}
