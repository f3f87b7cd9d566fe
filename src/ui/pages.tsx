import { preloadable, type PreloadableComponent } from './preloadable';

/** What every page receives: the part of the hash after `#<pageId>/` ('' when absent). */
export interface PageProps {
  payload: string;
}

export interface PageEntry {
  /** The hash: `#<id>` or `#<id>/<payload>`. */
  id: string;
  /** The navigation label in each language (kept here so registering a page is one line). */
  label: { en: string; zh: string };
  /** Loaded with the page; `preload` it to render without a fallback (src/main.tsx does for the first). */
  component: PreloadableComponent<PageProps>;
}

/** The app's pages, in navigation order. Register a page by adding one entry. */
export const PAGES: PageEntry[] = [
  {
    id: 'playground',
    label: { en: 'Playground', zh: '实验台' },
    component: preloadable(() => import('./playground/PlaygroundPage')),
  },
  {
    id: 'compare',
    label: { en: 'Compare', zh: '对比' },
    component: preloadable(() => import('./compare/ComparePage')),
  },
  { id: 'tune', label: { en: 'Tune', zh: '调参' }, component: preloadable(() => import('./tune/TunePage')) },
  {
    id: 'sequences',
    label: { en: 'Sequences', zh: '序列' },
    component: preloadable(() => import('./sequence/SequencePage')),
  },
  {
    id: 'data',
    label: { en: 'Your data', zh: '你的数据' },
    component: preloadable(() => import('./data/DataPage')),
  },
  {
    id: 'history',
    label: { en: 'History', zh: '历史记录' },
    component: preloadable(() => import('./history/HistoryPage')),
  },
];

export const DEFAULT_PAGE = 'playground';

export function pageById(id: string): PageEntry {
  return PAGES.find((page) => page.id === id) ?? PAGES.find((page) => page.id === DEFAULT_PAGE)!;
}
