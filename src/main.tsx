import { StrictMode, useEffect } from 'react';
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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    <FirstCommit />
  </StrictMode>,
);
