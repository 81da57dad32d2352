import { Bi } from '../landing/Bi.js';
import { useQrCamera } from '../shared/use-qr-camera.js';
import { Notice } from './Notice.js';

/** The phone's back camera scanning for a merchant's QR code (`useQrCamera`), or why it cannot. */
export function CameraScanner({ onFound }: { readonly onFound: (text: string) => void }) {
  const { video, state } = useQrCamera(onFound);

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
