import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import { Landing } from './Landing.js';
import './landing.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Landing />
  </StrictMode>,
);
