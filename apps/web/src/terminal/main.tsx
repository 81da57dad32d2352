import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Device() {
  const tid = new URLSearchParams(location.search).get('tid') ?? '10000001';
  return <main aria-label={`POS terminal ${tid}`}>PayTerm POS {tid}</main>;
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Device />
  </StrictMode>,
);
