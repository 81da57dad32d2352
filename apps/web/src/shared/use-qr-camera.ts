import { useEffect, useRef, useState, type RefObject } from 'react';
import { decodeFrame } from './image-scan.js';

export type QrCameraState = 'starting' | 'on' | 'unavailable' | 'denied';

/** Whether this page may ask for the camera at all (a secure context with mediaDevices). */
export function cameraSupported(): boolean {
  return typeof navigator !== 'undefined' && navigator.mediaDevices?.getUserMedia !== undefined;
}

export interface QrCamera {
  /** Give it to the `<video>` that shows what the camera sees. */
  readonly video: RefObject<HTMLVideoElement | null>;
  readonly state: QrCameraState;
}

/**
 * A camera (`facingMode`: the phone's back camera, or whichever a computer has) in a video element;
 * each animation frame is decoded with jsQR until a code is found. The stream stops when a code is
 * found or the component using it goes away.
 */
export function useQrCamera(
  onFound: (text: string) => void,
  facingMode: 'environment' | 'user' = 'environment',
): QrCamera {
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<QrCameraState>(cameraSupported() ? 'starting' : 'unavailable');
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
      .getUserMedia({ video: { facingMode }, audio: false })
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
  }, [facingMode]);

  return { video, state };
}
