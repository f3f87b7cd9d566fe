import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the CLI as a user would (through tsx), returning exit code, stdout and stderr. */
export async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The JSON Lines of a `--json` run. */
export const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * The arguments of the README's first command-line example that begins with `prefix` (after
 * `npm run -s cli --`), continuation lines joined. The tests and the bench run the command the
 * README shows, so the README cannot drift from what is measured.
 */
export function readmeCommand(prefix: string): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\\\n\s*/g, '');
  const line = readme.split('\n').find((text) => text.startsWith(`npm run -s cli -- ${prefix}`));
  if (!line) throw new Error(`README.md has no command starting "npm run -s cli -- ${prefix}"`);
  return line.replace('npm run -s cli -- ', '').split('#')[0]!.trim().split(/\s+/);
}

/** The README's spiral run: the command the train tests and the bench's command-line row use. */
export const README_SPIRAL = readmeCommand('train --dataset spiral');
