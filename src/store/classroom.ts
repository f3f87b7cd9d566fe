import { create } from 'zustand';
import type { ExperimentConfig } from '../core/config/parameters';
import type { ControlKey } from '../core/link/codec';

/**
 * Who is looking at a classroom link. The tab where a teacher set a lock keeps a flag in
 * sessionStorage and stays the teacher's: the editor remains. Any other tab that opens an
 * experiment with locked or hidden controls is a student's: the editor is gone, and the lock
 * (the locked controls' values and both lists) is kept for the rest of the tab's life, reloads
 * included, whatever later writes the experiment: History, an imported file, the data page, a
 * tuner's "open in playground", or another link pasted into the same tab.
 *
 * A convenience for a classroom, not security: the link itself can be edited and opened fresh
 * in a new tab.
 */
export interface ClassroomLock {
  hidden: ControlKey[];
  locked: ControlKey[];
  /** The locked controls' values, as the link set them. */
  values: Partial<ExperimentConfig>;
}

const TEACHER_KEY = 'tunelab.classroom.teacher';
const STUDENT_KEY = 'tunelab.classroom.lock';

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    // No sessionStorage (a sandboxed frame, a test in Node): the lock lives in memory only.
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // As above: memory only.
  }
}

function storedLock(): ClassroomLock | null {
  const text = read(STUDENT_KEY);
  if (!text) return null;
  try {
    const value = JSON.parse(text) as ClassroomLock;
    return Array.isArray(value.hidden) && Array.isArray(value.locked) && typeof value.values === 'object'
      ? value
      : null;
  } catch {
    return null;
  }
}

export const useClassroom = create<{ teacher: boolean; lock: ClassroomLock | null }>()(() => ({
  teacher: read(TEACHER_KEY) === '1',
  lock: read(TEACHER_KEY) === '1' ? null : storedLock(),
}));

/** True when this tab shows a student's link: no editor, locked controls stay as they are. */
export const isStudent = (): boolean => useClassroom.getState().lock !== null;

export function isLockedForStudent(key: ControlKey): boolean {
  return useClassroom.getState().lock?.locked.includes(key) ?? false;
}

/** The teacher changed a hide/lock setting in this tab: it stays the teacher's. */
export function markTeacher(): void {
  if (isStudent()) return;
  write(TEACHER_KEY, '1');
  useClassroom.setState({ teacher: true });
}

interface Experiment {
  config: ExperimentConfig;
  hidden: ControlKey[];
  locked: ControlKey[];
}

/**
 * What a replacement of the experiment may become. In a student's tab the lock wins over what
 * arrives; in a tab that is not the teacher's, an experiment with hidden or locked controls
 * starts a student's lock.
 */
export function guardReplacement<T extends Experiment>(next: T): T {
  const { teacher, lock } = useClassroom.getState();
  if (lock) {
    return {
      ...next,
      config: { ...next.config, ...structuredClone(lock.values) },
      hidden: [...lock.hidden],
      locked: [...lock.locked],
    };
  }
  if (teacher || (next.hidden.length === 0 && next.locked.length === 0)) return next;
  const values: Record<string, unknown> = {};
  for (const key of next.locked) values[key] = structuredClone(next.config[key]);
  const started: ClassroomLock = {
    hidden: [...next.hidden],
    locked: [...next.locked],
    values: values as Partial<ExperimentConfig>,
  };
  write(STUDENT_KEY, JSON.stringify(started));
  useClassroom.setState({ lock: started });
  return next;
}

/** Forgets the tab's role and lock (tests; a teacher's fresh start is a new tab). */
export function resetClassroom(): void {
  try {
    sessionStorage.removeItem(TEACHER_KEY);
    sessionStorage.removeItem(STUDENT_KEY);
  } catch {
    // Memory only.
  }
  useClassroom.setState({ teacher: false, lock: null });
}
