import { startTransition, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// File datasets (digits, the user's CSV) for the playground, and saving work as the user works.
import './ui/data/setup';
import { registerServiceWorkerLater } from './offline';

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
});
