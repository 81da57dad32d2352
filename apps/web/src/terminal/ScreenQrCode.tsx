import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { ScreenQr } from '@payterm/terminal';

/**
 * The merchant-presented code on the display (menu 5 → 1): the EMVCo payload as a QR image the
 * customer's wallet scans. Named for screen readers and tests: "收款码 Payment QR code".
 */
export function ScreenQrCode({ qr }: { readonly qr: ScreenQr }) {
  const [image, setImage] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    QRCode.toDataURL(qr.payload, { margin: 2, width: 240, errorCorrectionLevel: 'M' }).then(
      (url) => current && setImage(url),
      () => current && setImage(undefined),
    );
    return () => {
      current = false;
    };
  }, [qr.payload]);
  if (image === undefined) return null;
  return (
    <img
      className="display-qr"
      src={image}
      width={240}
      height={240}
      alt="收款码 Payment QR code"
      data-payload={qr.payload}
    />
  );
}
