import type { Screen } from '@payterm/terminal';
import { useState } from 'react';
import { cameraSupported, useQrCamera } from '../shared/use-qr-camera.js';
import { keepFocus } from './keep-focus.js';

const CAMERA_TROUBLE: Readonly<Record<'unavailable' | 'denied', { zh: string; en: string }>> = {
  unavailable: {
    zh: '此处没有可用的相机（浏览器只在 HTTPS 或 localhost 上提供），请在键盘上输入付款码',
    en: 'No camera is available here (browsers offer one only on HTTPS or localhost): type the code on the keypad',
  },
  denied: {
    zh: '未获得相机权限，请在键盘上输入付款码',
    en: 'Camera permission was refused: type the code on the keypad',
  },
};

function Trouble({ state }: { readonly state: 'unavailable' | 'denied' }) {
  const text = CAMERA_TROUBLE[state];
  return (
    <p className="notice tone-info" role="status">
      {text.zh} <span lang="en">{text.en}</span>
    </p>
  );
}

/** What the camera sees, decoded on every frame; the first code found goes to `onFound`. */
function ScannerCamera({ onFound }: { readonly onFound: (text: string) => void }) {
  const { video, state } = useQrCamera(onFound);
  if (state === 'unavailable' || state === 'denied') return <Trouble state={state} />;
  return (
    <figure className="scanner-camera">
      <video ref={video} muted playsInline aria-label="扫码取景 Scanner view" />
      <figcaption className="panel-note">
        {state === 'starting'
          ? '正在打开相机… Opening the camera…'
          : '将付款码对准相机 Hold the pay code up to the camera'}
      </figcaption>
    </figure>
  );
}

interface ScannerPanelProps {
  readonly screen: Screen;
  /** A code read by the camera: the device checks it like typed digits. */
  readonly onScan: (text: string) => void;
}

/**
 * The terminal's code scanner, while the screen takes a scanned code (menu 5 → 2, the customer's pay
 * code): the computer's camera decoded with jsQR, where the browser allows it. Typing the digits on
 * the keypad always works too.
 */
export function ScannerPanel({ screen, onScan }: ScannerPanelProps) {
  const [open, setOpen] = useState(false);
  const found = (text: string) => {
    setOpen(false);
    onScan(text);
  };
  return (
    <section className="scanner" aria-label="扫码器 Scanner">
      <h3>
        扫描顾客付款码 <span lang="en">Scan the customer&apos;s code</span>
      </h3>
      {!cameraSupported() ? (
        <Trouble state="unavailable" />
      ) : open ? (
        <>
          <ScannerCamera onFound={found} />
          <button
            type="button"
            className="scanner-button"
            onMouseDown={keepFocus}
            onClick={() => setOpen(false)}
          >
            关闭相机 <span lang="en">Close camera</span>
          </button>
        </>
      ) : (
        <button
          type="button"
          className="scanner-button"
          onMouseDown={keepFocus}
          onClick={() => setOpen(true)}
        >
          相机扫码 <span lang="en">Scan with camera</span>
        </button>
      )}
      {screen.notice?.tone === 'alert' && (
        <p className="notice tone-alert">{screen.notice[screen.language]}</p>
      )}
      <p className="panel-note">或在键盘上输入付款码 · Or type the code on the keypad</p>
    </section>
  );
}
