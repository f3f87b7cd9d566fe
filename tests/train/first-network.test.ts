import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);

// A fresh process, where nothing has touched tfjs yet: the state a command-line run starts from.
// Inside this test file's own process some other import may already have initialised the backend.
const SCRIPT = `
import { DEFAULT_CONFIG } from './src/core/config/parameters.ts';
import { PopulationTrainer } from './src/core/train/population.ts';
const config = { ...DEFAULT_CONFIG, epochs: 2, seed: 3 };
const trained = [];
for (let i = 0; i < 2; i++) {
  const trainer = new PopulationTrainer([config]);
  await trainer.trainEpoch();
  trained.push(Array.from(await trainer.parametersOf(0)));
  trainer.dispose();
}
console.log(JSON.stringify(trained));
`;

test('the first network a fresh process builds trains to the same numbers as the next one', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT]);
  const [first, second] = JSON.parse(stdout) as [number[], number[]];
  expect(first.length).toBeGreaterThan(0);
  expect(first).toEqual(second);
});
