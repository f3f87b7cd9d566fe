/**
 * A pool of trainer workers no larger than the machine can carry. Comparison lanes (and anything
 * else that trains several runs at once) ask it for a worker; when every slot is taken, the
 * request waits until one is released. Workers are made per request and ended on release, so a
 * worker's listener is always its current owner's.
 */
import { TrainerClient, type TrainerListener } from './trainer-client';

/** Each lane gets a core when it can; at most four, the most lanes a comparison holds. */
export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Math.min(4, Math.max(1, Number.isFinite(cores) && cores ? cores : 2));
}

export interface PooledTrainer {
  client: TrainerClient;
  /** Ends the worker and gives its slot to the next waiting request. Safe to call twice. */
  release(): Promise<void>;
}

interface Waiter {
  listener: TrainerListener;
  resolve(trainer: PooledTrainer): void;
  reject(error: Error): void;
}

export class TrainerPool {
  private busy = 0;
  private readonly waiting: Waiter[] = [];
  private closed = false;

  constructor(
    readonly size: number = defaultPoolSize(),
    private readonly create: (listener: TrainerListener) => TrainerClient = (listener) =>
      new TrainerClient(listener),
  ) {}

  /** Workers in use now. */
  get active(): number {
    return this.busy;
  }

  /** Requests waiting for a free slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** A worker for `listener`, as soon as a slot is free. */
  acquire(listener: TrainerListener): Promise<PooledTrainer> {
    if (this.closed) return Promise.reject(new Error('the worker pool was closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ listener, resolve, reject });
      this.dispatch();
    });
  }

  /** Withdraws a request that has not been served yet (its lane was reset meanwhile). */
  cancelWaiting(listener: TrainerListener): void {
    const index = this.waiting.findIndex((w) => w.listener === listener);
    if (index >= 0) this.waiting.splice(index, 1)[0]!.reject(new Error('cancelled'));
  }

  /** Ends every waiting request; workers already handed out are released by their owners. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the worker pool was closed'));
  }

  private dispatch(): void {
    while (this.busy < this.size && this.waiting.length > 0) {
      const waiter = this.waiting.shift()!;
      this.busy += 1;
      const client = this.create(waiter.listener);
      let released = false;
      waiter.resolve({
        client,
        release: async () => {
          if (released) return;
          released = true;
          try {
            await client.terminate();
          } finally {
            this.busy -= 1;
            this.dispatch();
          }
        },
      });
    }
  }
}
