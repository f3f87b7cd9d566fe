/**
 * `npm run check:lessons`: every lesson's claim on both backends and 5 seeds, as a table of how
 * many seeds it held on. A claim that holds on fewer than 4 of 5 seeds on either backend is luck,
 * not a lesson: the command exits 1.
 *
 * Options: --backends wasm,cpu  --seeds 1,2,3,4,5  --lessons id,id  --verbose (evidence per run)
 */
import { LESSON_IDS, type LessonId } from '../src/core/lessons/lessons';
import { checkLesson } from '../src/core/lessons/run';
import { SEQUENCE_LESSON_IDS, type SequenceLessonId } from '../src/core/sequence/lessons';
import { checkSequenceLesson } from '../src/core/sequence/lesson-run';
import { useBackend, type BackendName } from '../src/core/tf';

const REQUIRED = 4;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const list = (text: string | undefined, fallback: readonly string[]) =>
  text ? text.split(',').map((s) => s.trim()) : [...fallback];

const backends = list(option('backends'), ['wasm', 'cpu']) as BackendName[];
const seeds = list(option('seeds'), ['1', '2', '3', '4', '5']).map(Number);
const lessons = list(option('lessons'), [...LESSON_IDS, ...SEQUENCE_LESSON_IDS]);
const verbose = process.argv.includes('--verbose');

async function check(id: string, seed: number) {
  if ((SEQUENCE_LESSON_IDS as readonly string[]).includes(id))
    return (await checkSequenceLesson(id as SequenceLessonId, seed)).result;
  if ((LESSON_IDS as readonly string[]).includes(id)) return (await checkLesson(id as LessonId, seed)).result;
  throw new Error(`unknown lesson ${id}`);
}

const counts = new Map<string, Map<BackendName, number>>();
const started = performance.now();
for (const backend of backends) {
  await useBackend(backend);
  for (const id of lessons) {
    let held = 0;
    for (const seed of seeds) {
      const result = await check(id, seed);
      if (result.holds) held += 1;
      if (verbose)
        console.error(
          `${backend} ${id} seed ${seed}: ${result.holds ? 'holds' : 'FAILS'} ${JSON.stringify(result.evidence)}`,
        );
    }
    if (!counts.has(id)) counts.set(id, new Map());
    counts.get(id)!.set(backend, held);
    console.error(`${backend} ${id}: ${held}/${seeds.length}`);
  }
}

const needed = Math.min(REQUIRED, seeds.length);
const header = ['lesson', ...backends.map((b) => `${b} (of ${seeds.length})`), 'verdict'];
const rows = lessons.map((id) => {
  const byBackend = backends.map((b) => counts.get(id)!.get(b)!);
  return [id, ...byBackend.map(String), byBackend.every((n) => n >= needed) ? 'ok' : 'FAILS'];
});
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exit(rows.every((row) => row.at(-1) === 'ok') ? 0 : 1);
