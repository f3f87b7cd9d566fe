import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** What every page receives: the part of the hash after `#<pageId>/` ('' when absent). */
export interface PageProps {
  payload: string;
}

export interface PageEntry {
  /** The hash: `#<id>` or `#<id>/<payload>`. */
  id: string;
  /** The navigation label in each language (kept here so registering a page is one line). */
  label: { en: string; zh: string };
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

/** The app's pages, in navigation order. Register a page by adding one entry. */
export const PAGES: PageEntry[] = [
  {
    id: 'playground',
    label: { en: 'Playground', zh: '实验台' },
    component: lazy(() => import('./playground/PlaygroundPage')),
  },
  {
    id: 'compare',
    label: { en: 'Compare', zh: '对比' },
    component: lazy(() => import('./compare/ComparePage')),
  },
  { id: 'tune', label: { en: 'Tune', zh: '调参' }, component: lazy(() => import('./tune/TunePage')) },
  {
    id: 'sequences',
    label: { en: 'Sequences', zh: '序列' },
    component: lazy(() => import('./sequence/SequencePage')),
  },
  {
    id: 'data',
    label: { en: 'Your data', zh: '你的数据' },
    component: lazy(() => import('./data/DataPage')),
  },
  {
    id: 'history',
    label: { en: 'History', zh: '历史记录' },
    component: lazy(() => import('./history/HistoryPage')),
  },
];

export const DEFAULT_PAGE = 'playground';

export function pageById(id: string): PageEntry {
  return PAGES.find((page) => page.id === id) ?? PAGES.find((page) => page.id === DEFAULT_PAGE)!;
}
