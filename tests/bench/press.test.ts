import { describe, expect, it } from 'vitest';
import { whereThePressLanded } from '../../bench/first-epoch';

/** A visit as the bench records it: the press, the first epoch, and the marks that place the press. */
const visit = (play: number, loaded: number, ahead: number, clicked: number, firstEpoch: number) => ({
  marks: { play, 'run-loaded': loaded, 'epoch-ahead (worker)': ahead },
  clicked,
  firstEpoch,
});

describe("the bench's split of Tunelab's visits by what the press found", () => {
  it('counts each visit once, by whether the page had the run and the worker the epoch', () => {
    const lines = whereThePressLanded([
      // Pressed while the page still waited for the worker's word that the run was built.
      visit(400, 450, 430, 390, 500),
      // The run taken, its first epoch still training.
      visit(380, 300, 420, 370, 450),
      visit(390, 300, 430, 380, 470),
      // The epoch held: shown at once.
      visit(400, 300, 350, 395, 415),
    ]);
    expect(lines).toContain('| before the page had taken the built run | 1 of 4 | 110 ms | 500 ms |');
    expect(lines).toContain('| before the worker held the first epoch | 2 of 4 | 85 ms | 460 ms |');
    expect(lines).toContain('| with the first epoch held | 1 of 4 | 20 ms | 415 ms |');
  });

  it('says nothing for visits without the marks (an app that sets none)', () => {
    expect(whereThePressLanded([{ marks: {}, clicked: 300, firstEpoch: 400 }])).toEqual([]);
  });
});
