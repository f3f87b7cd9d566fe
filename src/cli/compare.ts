import {
  groupIntoPopulations,
  LESSON_IDS,
  LESSONS,
  PREFERRED_BACKEND,
  lessonLanes,
  PopulationTrainer,
  summarize,
  useBackend,
  type EpochMetrics,
  type Lane,
  type RunSummary,
} from '../core';
import { claimLine, type LaneOutcome } from '../core/lessons/claims';
import { countSmallWeights, weightValues } from '../core/lessons/weights';
import {
  assertKnownFlags,
  CliError,
  EXPERIMENT_FLAGS,
  EXPERIMENT_OPTIONS_HELP,
  epochLine,
  experimentFromFlags,
  jsonLine,
  parseArgs,
  summaryLine,
  type CliIO,
} from './args';
import { exitCodeAfter, pauseForEvents, whenInterrupted } from './interrupt';

/** Lessons about sequence models: their lanes are run by src/cli/sequence.ts. */
const SEQUENCE_LESSONS = ['heads', 'max-length'];

const OWN_FLAGS = ['json', 'help', 'backend', 'lesson'];

export const COMPARE_HELP = [
  'Usage: npm run -s cli -- compare --lesson NAME [--json] [options]',
  '',
  'Runs every lane of a lesson side by side, as the Compare page does: lanes share the seed, so',
  "they share data, split, initial weights and shuffling; the only differences are the lesson's.",
  'With --json, stdout gets the JSON Lines of `train --json`, each with `lane` (0-based) and',
  "`label` (the lane's name on the page): epoch lines epoch by epoch, then one summary line per lane,",
  'then the lesson\'s claim checked on these lanes: {"claim":"<id>","holds":true|false,"evidence":{…}}.',
  '',
  'Options:',
  '  --lesson NAME                            the lesson to run (below)',
  '  --json                                   print JSON Lines instead of a results table',
  '  --backend cpu|wasm                       tfjs backend (default wasm, as the page trains)',
  '  Experiment options apply to every lane, on top of the lesson (e.g. --seed 2 or --epochs 50):',
  ...EXPERIMENT_OPTIONS_HELP,
  '',
  'Lessons:',
  ...LESSON_IDS.map(
    (id) =>
      `  ${id.padEnd(20)} ${LESSONS[id].text.en.title}: ${LESSONS[id].lanes.map((lane) => lane.label.en).join(' | ')}`,
  ),
  ...SEQUENCE_LESSONS.map(
    (id) => `  ${id.padEnd(20)} (sequence models; see \`train --model transformer --help\`)`,
  ),
].join('\n');

interface LaneRun {
  lane: number;
  label: string;
  history: EpochMetrics[];
  summary?: RunSummary;
  weights?: LaneOutcome['weights'];
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { flags, positionals } = parseArgs(argv);
  if (flags.has('help')) {
    io.out(COMPARE_HELP);
    return 0;
  }
  const lesson = flags.get('lesson');
  if (lesson === undefined || lesson === true)
    throw new CliError(`--lesson needs a lesson id: ${[...LESSON_IDS, ...SEQUENCE_LESSONS].join(', ')}`);
  if (SEQUENCE_LESSONS.includes(lesson)) return runSequenceLesson(argv, io);
  if (positionals.length > 0)
    throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  assertKnownFlags(flags, [...EXPERIMENT_FLAGS, ...OWN_FLAGS]);
  if (!(LESSON_IDS as readonly string[]).includes(lesson)) {
    throw new CliError(
      `--lesson must be one of ${[...LESSON_IDS, ...SEQUENCE_LESSONS].join(', ')} (got ${JSON.stringify(lesson.slice(0, 40))})`,
    );
  }
  const backend = flags.get('backend') ?? PREFERRED_BACKEND;
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new CliError(`--backend must be cpu or wasm (got ${JSON.stringify(backend)})`);
  const lanes: Lane[] = lessonLanes(lesson).map((lane) => ({
    label: lane.label,
    config: experimentFromFlags(flags, lane.config),
  }));
  await useBackend(backend);
  const json = flags.has('json');
  const lessonDefinition = LESSONS[lesson as keyof typeof LESSONS];
  const runs = await compareLanes(lanes, json, io, lessonDefinition.needsWeights === true);
  // The page's predicate on what was just trained: the last line, so scripts can read it alone.
  const result = lessonDefinition.claim(
    runs.map((run) => ({ history: run.history, summary: run.summary!, weights: run.weights })),
  );
  const line = claimLine(lesson, result);
  if (json) io.out(jsonLine(line));
  else
    io.out(`claim ${lesson}: ${result.holds ? 'holds' : 'does NOT hold'} ${JSON.stringify(line.evidence)}`);
  return exitCodeAfter(0);
}

async function runSequenceLesson(argv: string[], io: CliIO): Promise<number> {
  let sequence: { runSequenceCompare(argv: string[], io: CliIO): Promise<number> };
  try {
    // Loaded only for these lessons, so the other lessons start without the sequence model's code.
    sequence = (await import(/* @vite-ignore */ `./${'sequence'}.ts`)) as typeof sequence;
  } catch {
    throw new CliError(
      'the sequence lessons (heads, max-length) are not available: src/cli/sequence.ts is missing',
    );
  }
  if (typeof sequence.runSequenceCompare !== 'function')
    throw new CliError(
      'the sequence lessons are not available: src/cli/sequence.ts has no runSequenceCompare',
    );
  return sequence.runSequenceCompare(argv, io);
}

/**
 * Trains the lanes as the page does, one population per shared architecture and data, advancing
 * all populations one epoch at a time so lines come out epoch by epoch whatever the grouping.
 */
async function compareLanes(lanes: Lane[], json: boolean, io: CliIO, weights: boolean): Promise<LaneRun[]> {
  const runs: LaneRun[] = lanes.map((lane, index) => ({ lane: index, label: lane.label.en, history: [] }));
  const groups = groupIntoPopulations(lanes.map((lane) => lane.config));
  const trainers: PopulationTrainer[] = [];
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  const stopListening = whenInterrupted(onInterrupt);
  try {
    for (const group of groups)
      trainers.push(new PopulationTrainer(group.map((lane) => lanes[lane]!.config)));
    if (!json)
      io.err(`training ${lanes.length} lanes in ${groups.length} population${groups.length > 1 ? 's' : ''}…`);
    while (trainers.some((trainer) => trainer.running)) {
      if (controller.signal.aborted) {
        for (const trainer of trainers) trainer.cancel();
        break;
      }
      const epochLines: { lane: number; metrics: EpochMetrics }[] = [];
      for (const [g, trainer] of trainers.entries()) {
        if (!trainer.running) continue;
        const metrics = await trainer.trainEpoch();
        metrics.forEach((m, member) => {
          if (!m) return;
          const lane = groups[g]![member]!;
          runs[lane]!.history.push(m);
          epochLines.push({ lane, metrics: m });
        });
      }
      epochLines.sort((a, b) => a.lane - b.lane);
      if (json)
        for (const { lane, metrics } of epochLines)
          io.out(jsonLine({ lane, label: runs[lane]!.label, ...epochLine(metrics) }));
      await pauseForEvents();
    }
    for (const [g, trainer] of trainers.entries()) {
      for (const [member, state] of trainer.members.entries()) {
        const run = runs[groups[g]![member]!]!;
        run.summary = summarize(state, run.history, trainer.batchSize);
        if (weights) {
          const values = weightValues(await trainer.parametersOf(member), trainer.layout);
          run.weights = { zeros: countSmallWeights(values), total: values.length };
        }
      }
    }
  } finally {
    stopListening();
    for (const trainer of trainers) trainer.dispose();
  }
  if (json) {
    for (const run of runs)
      io.out(jsonLine({ lane: run.lane, label: run.label, ...summaryLine(run.summary!) }));
  } else {
    io.out(resultsTable(runs));
  }
  return runs;
}

const fixed = (value: number | null, digits = 4) =>
  value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);

/** The page's results table, as text. */
function resultsTable(runs: LaneRun[]): string {
  const header = [
    'lane',
    'label',
    'best val loss',
    'at epoch',
    'final val loss',
    'gap',
    'val acc',
    'status',
    'wall ms',
  ];
  const rows = runs.map(({ lane, label, summary }) => {
    const s = summary!;
    const gap =
      s.finalValidationLoss !== null && s.finalTrainLoss !== null
        ? s.finalValidationLoss - s.finalTrainLoss
        : null;
    return [
      String(lane),
      label,
      fixed(s.bestValidationLoss),
      String(s.bestEpoch ?? '–'),
      fixed(s.finalValidationLoss),
      fixed(gap),
      fixed(s.finalValidationAccuracy, 3),
      s.status,
      String(Math.round(s.wallTimeMs)),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
