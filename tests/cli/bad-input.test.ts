import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, lines } from './run-cli';

const folder = mkdtempSync(join(tmpdir(), 'tunelab-cli-'));

/** One line on stderr, naming the option, with no invisible characters and no stack. */
function expectOneLine(stderr: string, option: string) {
  const text = stderr.trim();
  expect(text.split('\n')).toHaveLength(1);
  expect(text).toContain(option);
  expect(text).not.toMatch(/[\uFEFF\u200B]|\bat .*\.ts:\d+/);
}

describe('finding 18: every bad input exits 2 with one line and never echoes a file', () => {
  test('--export into a missing folder is refused before the study runs', async () => {
    const missing = join(folder, 'no-such-folder', 'study.csv');
    const { code, stdout, stderr } = await cli('study', '--trials', '5', '--json', '--export', missing);
    expect(code).toBe(2);
    expectOneLine(stderr, '--export');
    expect(stderr).toMatch(/does not exist/);
    // Nothing ran: no trial lines were printed before the refusal.
    expect(stdout.trim()).toBe('');
  });

  test('a config file that starts with a UTF-8 byte order mark is read', async () => {
    const file = join(folder, 'bom.json');
    writeFileSync(file, '\uFEFF{"learningRate": 0.05, "epochs": 2}', 'utf8');
    const { code, stdout } = await cli('train', '--config', file, '--json');
    expect(code).toBe(0);
    expect(lines(stdout)[0]!.learningRate).toBe(0.05);
  });

  test('null as a config says a JSON object is needed', async () => {
    const file = join(folder, 'null.json');
    writeFileSync(file, 'null');
    const { code, stderr } = await cli('train', '--config', file);
    expect(code).toBe(2);
    expectOneLine(stderr, '--config');
    expect(stderr).toMatch(/JSON object/);
    expect(stderr).not.toMatch(/unknown field/);
  });

  test('--space /etc/passwd says it is not valid JSON without printing any of its bytes', async () => {
    const secret = join(folder, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\nsecret-token-123\n');
    for (const path of [secret, '/etc/passwd']) {
      const { code, stderr } = await cli('study', '--objective', 'network', '--space', path);
      expect(code).toBe(2);
      expectOneLine(stderr, '--space');
      expect(stderr).toMatch(/not valid JSON/);
      expect(stderr).not.toMatch(/root|secret-token|bash/);
    }
  });

  test('a config that is not JSON is reported without its text', async () => {
    const file = join(folder, 'broken.json');
    writeFileSync(file, '{"learningRate": 0.05,\n "password": hunter2 }');
    const { code, stderr } = await cli('train', '--config', file);
    expect(code).toBe(2);
    expectOneLine(stderr, '--config');
    expect(stderr).toMatch(/not valid JSON/);
    expect(stderr).not.toMatch(/hunter2/);
  });
});
