import { create } from 'zustand';
// The modules themselves, not the core's index: the page's main thread must not load TensorFlow.js.
import { DEFAULT_SEQUENCE_CONFIG, type SequenceConfig } from '../core/sequence/config';
import { sequenceLessonLanes, type SequenceLessonId } from '../core/sequence/lessons';
import type { SequenceExample } from '../core/sequence/tasks';
import type { AttentionMaps, SequenceEpochMetrics } from '../core/sequence/trainer';
import type { RunSummary } from '../core/train/metrics';
import type { LinkIssue } from '../core/link/codec';

/** One lane of the sequence page: a config, its curves, its latest attention maps and its end. */
export interface SequenceLane {
  label: { en: string; zh: string } | null;
  config: SequenceConfig;
  history: SequenceEpochMetrics[];
  attention: AttentionMaps | null;
  summary: RunSummary | null;
}

/** `paused`: a run held by Pause or Step, its lanes alive in the worker. */
export type SequencePhase = 'idle' | 'training' | 'paused' | 'ended' | 'failed';

export interface SequenceState {
  /** The settings of free play (one lane). */
  config: SequenceConfig;
  /** The lesson on screen, or null for free play. */
  lesson: SequenceLessonId | null;
  lanes: SequenceLane[];
  phase: SequencePhase;
  /** Which validation example the attention maps show. */
  exampleIndex: number;
  examples: SequenceExample[];
  error: string | null;
  /** A link named a lesson that does not exist (shown in an alert; free play opened instead). */
  unknownLesson: string | null;
  /** What was wrong with the share link the page opened (shown in an alert until dismissed). */
  linkIssues: LinkIssue[];
}

const lane = (config: SequenceConfig, label: SequenceLane['label'] = null): SequenceLane => ({
  label,
  config,
  history: [],
  attention: null,
  summary: null,
});

export const initialSequenceState = (): SequenceState => ({
  config: { ...DEFAULT_SEQUENCE_CONFIG },
  lesson: null,
  lanes: [lane({ ...DEFAULT_SEQUENCE_CONFIG })],
  phase: 'idle',
  exampleIndex: 0,
  examples: [],
  error: null,
  unknownLesson: null,
  linkIssues: [],
});

export const useSequence = create<SequenceState>()(initialSequenceState);

/** The lanes a lesson (or free play) trains, before any epoch. */
export function lanesFor(lesson: SequenceLessonId | null, config: SequenceConfig): SequenceLane[] {
  if (lesson === null) return [lane(config)];
  return sequenceLessonLanes(lesson).map((l) => lane(l.config, l.label));
}

export function setSequenceConfig(changes: Partial<SequenceConfig>): void {
  useSequence.setState((state) => {
    const config = { ...state.config, ...changes };
    return {
      config,
      lanes:
        state.lesson === null && state.phase !== 'training' && state.phase !== 'paused'
          ? lanesFor(null, config)
          : state.lanes,
    };
  });
}

export function chooseLesson(lesson: SequenceLessonId | null): void {
  useSequence.setState((state) => ({
    lesson,
    lanes: lanesFor(lesson, state.config),
    phase: 'idle',
    examples: [],
    error: null,
  }));
}

export function resetLanes(phase: 'training' | 'paused' = 'training'): void {
  useSequence.setState((state) => ({
    lanes: lanesFor(state.lesson, state.config),
    phase,
    error: null,
    examples: [],
  }));
}

export function recordEpoch(laneIndex: number, metrics: SequenceEpochMetrics): void {
  useSequence.setState((state) => ({
    lanes: state.lanes.map((l, i) => (i === laneIndex ? { ...l, history: [...l.history, metrics] } : l)),
  }));
}

export function recordAttention(laneIndex: number, attention: AttentionMaps): void {
  useSequence.setState((state) => ({
    lanes: state.lanes.map((l, i) => (i === laneIndex ? { ...l, attention } : l)),
  }));
}

export function recordSummary(laneIndex: number, summary: RunSummary): void {
  useSequence.setState((state) => {
    const lanes = state.lanes.map((l, i) => (i === laneIndex ? { ...l, summary } : l));
    return { lanes, phase: lanes.every((l) => l.summary !== null) ? 'ended' : state.phase };
  });
}
