import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../shared/base.css';
import { Wallet } from './Wallet.js';
import './wallet.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Wallet />
  </StrictMode>,
);
