/**
 * The trainer endpoint of the engine worker (engine.worker.ts). Its code is trainer-endpoint.ts,
 * which the build shares with the other endpoints; only this file, which they never import, starts
 * it.
 */
import { serveTrainer } from './trainer-endpoint';

serveTrainer();
