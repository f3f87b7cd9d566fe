import { startTransition, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// File datasets (digits, the user's CSV) for the playground, and saving work as the user works.
import './ui/data/setup';
import { registerServiceWorkerLater } from './offline';
import { useRoute } from './store/route';
import { pageById } from './ui/pages';

performance.mark('tunelab:main');

/** Marks React's first commit of the shell, for the bench's breakdown of the first second. */
function FirstCommit() {
  useEffect(() => void performance.mark('tunelab:first-render'), []);
  return null;
}

// The built site only: the dev server has no service worker.
if (import.meta.env.PROD) registerServiceWorkerLater();

// A transition, so React renders the app in slices of a few milliseconds and the browser can paint
// and answer input between them: rendered in one go, the playground held the main thread for
// 130 ms at a time (over 500 ms on Lighthouse's 4× slower phone), and a click on Play waited.
// In a task after the one that ran the app's modules: making the root (React listens for every
// event it handles) and starting the render added a quarter to that task, and Lighthouse's phone
// counts each task's length beyond 50 ms, four times over, as blocking.
// After the first page's module has arrived (boot.ts asked for it before this entry ran), so the
// first render shows the page itself: rendered while it loaded, the header came first and the page
// 300 ms later, held back by React's throttling of what a fallback stood for (src/ui/preloadable.ts).
/** How long the first render waits for the page's code; then the header shows, with "Loading". */
const FIRST_PAGE_WAIT_MS = 2_000;
const firstPage = Promise.race([
  // A page that failed to load renders its error in the app, as later.
  pageById(useRoute.getState().page)
    .component.preload()
    .catch(() => undefined),
  // A download that hangs (a flaky school network) must not leave the window blank.
  new Promise((resolve) => setTimeout(resolve, FIRST_PAGE_WAIT_MS)),
]);
void firstPage.then(() =>
  setTimeout(() => {
    const root = createRoot(document.getElementById('root')!);
    startTransition(() =>
      root.render(
        <StrictMode>
          <App />
          <FirstCommit />
        </StrictMode>,
      ),
    );
  }),
);
