import { useEffect, useRef, useState } from 'react';
import { Bi } from '../landing/Bi.js';
import { decodeFrame } from './image-scan.js';
import { Notice } from './Notice.js';

type CameraState = 'starting' | 'on' | 'unavailable' | 'denied';

/** Whether this page may ask for the camera at all (a secure context with mediaDevices). */
export function cameraSupported(): boolean {
  return typeof navigator !== 'undefined' && navigator.mediaDevices?.getUserMedia !== undefined;
}

/**
 * The back camera in a video element; each animation frame is decoded with jsQR until a code is found.
 * The stream stops when a code is found or the scanner closes.
 */
export function CameraScanner({ onFound }: { readonly onFound: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>(cameraSupported() ? 'starting' : 'unavailable');
  const found = useRef(onFound);
  found.current = onFound;

  useEffect(() => {
    if (!cameraSupported()) return;
    let stream: MediaStream | undefined;
    let frame = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');

    const scan = () => {
      if (stopped) return;
      const element = video.current;
      if (element !== null && element.readyState >= element.HAVE_CURRENT_DATA) {
        const text = decodeFrame(canvas, element, element.videoWidth, element.videoHeight);
        if (text !== null) {
          stopped = true;
          stream?.getTracks().forEach((track) => track.stop());
          found.current(text);
          return;
        }
      }
      frame = requestAnimationFrame(scan);
    };

    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(async (media) => {
        stream = media;
        if (stopped || video.current === null) {
          media.getTracks().forEach((track) => track.stop());
          return;
        }
        video.current.srcObject = media;
        await video.current.play();
        setState('on');
        frame = requestAnimationFrame(scan);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        setState(
          error instanceof DOMException && error.name === 'NotAllowedError' ? 'denied' : 'unavailable',
        );
      });

    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  if (state === 'unavailable') {
    return (
      <Notice
        tone="info"
        message={{
          zh: '此浏览器无法使用相机（需要 HTTPS 或 localhost）。请上传二维码图片或粘贴内容。',
          en: 'The camera is not available here (it needs HTTPS or localhost). Upload a picture of the code or paste its text.',
        }}
      />
    );
  }
  if (state === 'denied') {
    return (
      <Notice
        tone="info"
        message={{
          zh: '未获得相机权限。请上传二维码图片或粘贴内容。',
          en: 'Camera permission was refused. Upload a picture of the code or paste its text.',
        }}
      />
    );
  }
  return (
    <figure className="camera">
      <video ref={video} muted playsInline aria-label="相机取景 Camera view" />
      <figcaption className="note">
        {state === 'starting' ? (
          <Bi zh="正在打开相机…" en="Opening the camera…" />
        ) : (
          <Bi zh="将二维码对准取景框" en="Point the camera at the QR code" />
        )}
      </figcaption>
    </figure>
  );
}
