import { describe, expect, it } from 'vitest';
import { TrainerPool } from '../../src/workers/pool';
import type { TrainerClient, TrainerListener } from '../../src/workers/trainer-client';

/** Stands in for a worker: the pool only makes clients and terminates them. */
function fakeClients() {
  const made: { listener: TrainerListener; terminated: boolean }[] = [];
  const create = (listener: TrainerListener) => {
    const record = { listener, terminated: false };
    made.push(record);
    return { terminate: async () => void (record.terminated = true) } as unknown as TrainerClient;
  };
  return { made, create };
}

describe('the trainer pool', () => {
  it('never runs more workers than its size; a waiting lane starts when another releases its worker', async () => {
    const { made, create } = fakeClients();
    const pool = new TrainerPool(2, create);
    const listeners = [0, 1, 2].map((): TrainerListener => () => undefined);
    const first = await pool.acquire(listeners[0]!);
    await pool.acquire(listeners[1]!);
    let third: Awaited<ReturnType<TrainerPool['acquire']>> | null = null;
    const waiting = pool.acquire(listeners[2]!).then((trainer) => (third = trainer));
    await Promise.resolve();
    expect(pool.active).toBe(2);
    expect(pool.queued).toBe(1);
    expect(third).toBeNull();

    await first.release();
    await waiting;
    expect(third).not.toBeNull();
    expect(made.map((m) => m.terminated)).toEqual([true, false, false]);
    expect(made[2]!.listener).toBe(listeners[2]);
    expect(pool.active).toBe(2);
    await first.release();
    expect(pool.active).toBe(2);
  });

  it('withdraws a waiting request, and refuses new ones once closed', async () => {
    const { create } = fakeClients();
    const pool = new TrainerPool(1, create);
    await pool.acquire(() => undefined);
    const listener: TrainerListener = () => undefined;
    const waiting = pool.acquire(listener);
    pool.cancelWaiting(listener);
    await expect(waiting).rejects.toThrow('cancelled');
    pool.close();
    await expect(pool.acquire(() => undefined)).rejects.toThrow(/closed/);
  });
});
