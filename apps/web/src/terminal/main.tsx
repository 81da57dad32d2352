import { TEST_CARDS } from '@payterm/terminal';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Device } from './Device.js';
import { DeviceController } from './device-controller.js';
import { deviceParams, hostSocketUrl } from './device-params.js';

function ParamsError({ tid, reason }: { readonly tid: string; readonly reason: { zh: string; en: string } }) {
  return (
    <main className="page params-error">
      <h1>PayTerm POS {tid}</h1>
      <p role="alert">
        {reason.zh}
        <br />
        <span lang="en">{reason.en}</span>
      </p>
      <p>
        <a href="/terminal?tid=10000001">/terminal?tid=10000001</a>
      </p>
    </main>
  );
}

const params = deviceParams(location.search);
const root = createRoot(document.getElementById('root') as HTMLElement);
if (!params.ok) {
  root.render(<ParamsError tid={params.tid} reason={params.reason} />);
} else {
  document.title = `PayTerm POS ${params.tid}`;
  const controller = new DeviceController({
    tid: params.tid,
    provision: params.provision,
    hostUrl: hostSocketUrl(location),
    language: params.language,
    cards: TEST_CARDS,
    memory: sessionStorage,
  });
  root.render(
    <StrictMode>
      <Device controller={controller} tid={params.tid} cards={TEST_CARDS} />
    </StrictMode>,
  );
  void controller.start(params.powerOn);
}
