import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// File datasets (digits, the user's CSV) for the playground, and saving work as the user works.
import './ui/data/setup';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
