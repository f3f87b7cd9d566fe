/** The race's colours and search spaces: plain data, for the pages' controls and tables as much as for the charts. */
import { analyticSpace } from '../../core/tune/objectives';
import { DEFAULT_NETWORK_SPACE, type SearchSpace } from '../../core/tune/space';

const TUNER_COLORS = ['#1f77b4', '#e8590c', '#2b9a3e', '#8e44ad'];

export function tunerColor(index: number): string {
  return TUNER_COLORS[index % TUNER_COLORS.length]!;
}

export function raceSpace(objective: string): SearchSpace {
  return objective === 'network'
    ? DEFAULT_NETWORK_SPACE
    : analyticSpace(objective as Parameters<typeof analyticSpace>[0]);
}
