import { create } from 'zustand';

/**
 * The page and its payload live in the URL hash, `#<pageId>` or `#<pageId>/<payload>`, so every
 * page is a link and the back button works between pages.
 */
export interface Route {
  page: string;
  /** A share-link payload (src/core/link) or whatever the page puts there; '' when absent. */
  payload: string;
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#/, '');
  const slash = text.indexOf('/');
  if (slash < 0) return { page: text, payload: '' };
  return { page: text.slice(0, slash), payload: text.slice(slash + 1) };
}

export function formatHash(route: Route): string {
  return route.payload ? `#${route.page}/${route.payload}` : `#${route.page}`;
}

const currentHash = () => (typeof location === 'undefined' ? '' : location.hash);

export const useRoute = create<Route>()(() => parseHash(currentHash()));

/** Goes to another page (a new history entry). */
export function navigate(page: string, payload = ''): void {
  const hash = formatHash({ page, payload });
  if (location.hash !== hash) location.hash = hash;
  useRoute.setState({ page, payload });
}

/**
 * Rewrites the current page's payload without a history entry: the playground keeps its
 * experiment in the address bar as it changes, and one entry per slider move would bury Back.
 * Does nothing once the address bar shows another page.
 */
export function replacePayload(page: string, payload: string): void {
  // A page that finishes its work after the user has gone to another one (a comparison opening,
  // a slow link write) must not take the address bar, and with it the user, back.
  const inBar = parseHash(location.hash);
  if (inBar.page !== '' && inBar.page !== page) return;
  // A link pasted into the address bar, or Back, changes the address at once but tells the route
  // only in a later task (hashchange). A write landing in between would replace that link with
  // the experiment it came to replace, and the hashchange would then read the old experiment back
  // (CI caught a share link lost this way). The address bar wins: the route reads it now.
  const route = useRoute.getState();
  if (inBar.page !== route.page || inBar.payload !== route.payload) {
    useRoute.setState(inBar);
    return;
  }
  const hash = formatHash({ page, payload });
  if (location.hash !== hash) history.replaceState(history.state, '', hash);
  // Only a change: every reader of the route re-renders at once (a store update is synchronous in
  // React), and the address bar is rewritten with the same payload many times.
  if (route.page !== page || route.payload !== payload) useRoute.setState({ page, payload });
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => useRoute.setState(parseHash(location.hash)));
}
