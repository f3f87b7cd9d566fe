import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';

interface Interrupted {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Output received before the signal was sent. */
  stdoutAtSignal: string;
}

/**
 * Starts the CLI as run-cli.ts does and sends `signal` `delayMs` after `startWhen` first matches
 * its output: on a loaded machine, loading the engine alone can take
 * several seconds, and the point is a signal that lands while the run trains.
 */
function interruptCli(
  signal: NodeJS.Signals,
  delayMs: number,
  startWhen: RegExp,
  ...args: string[]
): Promise<Interrupted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stdoutAtSignal = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      timer ??= setTimeout(() => {
        stdoutAtSignal = stdout;
        child.kill(signal);
      }, delayMs);
    };
    const watch = () => {
      if (startWhen.test(stdout + stderr)) arm();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      watch();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      watch();
    });
    // A CLI that ignores the signal would train all its epochs: end it rather than hang the suite.
    const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, stdout, stderr, stdoutAtSignal });
    });
  });
}

const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe(
  'finding 17: Ctrl-C and kill end a run with a cancelled line and exit 130',
  { timeout: 120_000 },
  () => {
    test('train --epochs 5000 --json receiving SIGINT after 3 s stops at the epoch in flight, prints "cancelled" and exits 130', async () => {
      const result = await interruptCli('SIGINT', 3000, /"epoch":1,/, 'train', '--epochs', '5000', '--json');
      expect(result.code).toBe(130);
      const last = lastLine(result.stdout);
      expect(last.status).toBe('cancelled');
      expect(last.epochs).toBeGreaterThan(0);
      expect(last.epochs).toBeLessThan(5000);
      // Every line before the summary is a whole epoch line: nothing was cut mid-line.
      for (const line of result.stdout.trim().split('\n').slice(0, -1))
        expect(JSON.parse(line)).toHaveProperty('epoch');
      // It stops at once rather than at some later checkpoint: at most the epoch in flight (and
      // lines still in the pipe when the signal left) follow the signal. Counted in epochs, not
      // milliseconds, so a busy machine doesn't change the verdict.
      const epochsAtSignal = result.stdoutAtSignal.trim().split('\n').length;
      expect(Number(last.epochs) - epochsAtSignal).toBeLessThanOrEqual(5);
    });

    test('train without --json says it was cancelled in words, on SIGTERM too', async () => {
      const result = await interruptCli('SIGTERM', 3000, /^\s+1\s/m, 'train', '--epochs', '5000');
      expect(result.code).toBe(130);
      expect(result.stdout).toMatch(/^Cancelled after \d+ epochs\./m);
    });

    test('compare --json ends every lane as cancelled on SIGINT', async () => {
      const result = await interruptCli(
        'SIGINT',
        3000,
        /"epoch":1,/,
        'compare',
        '--lesson',
        'overfitting',
        '--epochs',
        '5000',
        '--json',
      );
      expect(result.code).toBe(130);
      const summaries = result.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => 'status' in line);
      expect(summaries.length).toBeGreaterThan(1);
      for (const summary of summaries) expect(summary.status).toBe('cancelled');
    });

    test('a network study ends with a cancelled summary on SIGTERM', async () => {
      const result = await interruptCli(
        'SIGTERM',
        3000,
        // Armed by the first finished trial, not by the clock: a slow start under load would
        // otherwise send the signal before the command has installed its handler.
        /"number":0,/,
        'study',
        '--objective',
        'network',
        '--tuner',
        'tpe',
        '--epochs',
        '20',
        '--trials',
        '5000',
        '--json',
      );
      expect(result.code).toBe(130);
      expect(lastLine(result.stdout).status).toBe('cancelled');
    });

    test('the sequence model ends with a cancelled line on SIGINT', async () => {
      const result = await interruptCli(
        'SIGINT',
        3000,
        /"epoch":1,/,
        'train',
        '--model',
        'transformer',
        '--epochs',
        '500',
        '--json',
      );
      expect(result.code).toBe(130);
      expect(lastLine(result.stdout).status).toBe('cancelled');
    });
  },
);
