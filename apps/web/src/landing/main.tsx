import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Landing() {
  return (
    <main>
      <h1>PayTerm</h1>
      <p>
        <a href="/terminal?tid=10000001">POS terminal 10000001</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Landing />
  </StrictMode>,
);
