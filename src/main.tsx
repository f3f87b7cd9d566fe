import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Placeholder until the playground lands (issue 3).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <main>
      <h1>Tunelab</h1>
      <p>The playground is on its way.</p>
    </main>
  </StrictMode>,
);
