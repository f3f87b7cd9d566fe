/**
 * `npm run -s cli -- <command> [options]`: the engine without the page, for scripts, CI and
 * reproducibility. A user error prints one line naming the problem and exits 2; never a stack.
 */
import type { CliIO } from './args';
import { CliError } from './errors';
import { exitCodeAfter, installInterruptHandlers } from './interrupt';

installInterruptHandlers();

interface CommandModule {
  run(argv: string[], io: CliIO): Promise<number>;
}

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  train: { summary: 'train one network and print its curves', load: () => import('./train') },
  // Loaded by path: these commands live in their own modules and are optional for each other.
  compare: {
    summary: "run a lesson's lanes side by side",
    load: () => import(/* @vite-ignore */ `./${'compare'}.ts`),
  },
  landscape: {
    summary: 'the loss landscape around the trained weights, with the path',
    load: () => import(/* @vite-ignore */ `./${'landscape'}.ts`),
  },
  'lr-find': {
    summary: 'the learning-rate range test and a suggested rate',
    load: () => import(/* @vite-ignore */ `./${'lr-find'}.ts`),
  },
  study: {
    summary: 'run a hyperparameter search (grid, random, Bayesian, …)',
    load: () => import(/* @vite-ignore */ `./${'study'}.ts`),
  },
};

const io: CliIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function usage(): string {
  return [
    'Usage: npm run -s cli -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    'Run a command with --help for its options.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(usage());
    return command === undefined ? 2 : 0;
  }
  const entry = COMMANDS[command];
  if (!entry)
    throw new CliError(
      `unknown command ${JSON.stringify(command)} (commands: ${Object.keys(COMMANDS).join(', ')})`,
    );
  const module = await entry.load();
  return module.run(rest, io);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = exitCodeAfter(code);
  },
  (error: unknown) => {
    if (error instanceof CliError) {
      io.err(`error: ${error.message}`);
      process.exitCode = 2;
    } else {
      io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.TUNELAB_DEBUG) io.err(String((error as Error)?.stack));
      process.exitCode = 1;
    }
  },
);
