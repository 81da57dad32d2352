import { systemClock } from '@payterm/kernel';
import QRCode from 'qrcode';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Bi } from '../landing/Bi.js';
import { Barcode } from './Barcode.js';
import { groupDigits, secondsLeft } from './countdown.js';
import { formatMoney } from './money.js';
import { Notice } from './Notice.js';
import { isSessionEnded, newPayCode, type HistoryEntry, type PayCode } from './wallet-api.js';
import { errorMessage } from './wallet-messages.js';

/** While the code is on screen the history is read this often, to show the payment it made. */
const WATCH_MS = 3000;

interface PayCodeProps {
  readonly token: string;
  readonly currency: string;
  /** The history (undefined until read), to notice a payment made with the code. */
  readonly history: readonly HistoryEntry[] | undefined;
  readonly onWatch: () => void;
  readonly onSessionEnded: () => void;
}

/** The one-time pay code as QR and barcode with a 60 s countdown and a refresh button. */
/** What identifies the newest history entry: '' for an empty history, undefined while unread. */
function newestKey(history: readonly HistoryEntry[] | undefined): string | undefined {
  if (history === undefined) return undefined;
  const newest = history[0];
  return newest === undefined ? '' : `${newest.kind}/${newest.voucher}/${newest.at}`;
}

export function PayCodeView({ token, currency, history, onWatch, onSessionEnded }: PayCodeProps) {
  const [code, setCode] = useState<PayCode | undefined>(undefined);
  const [qrImage, setQrImage] = useState<string | undefined>(undefined);
  const [nowMs, setNowMs] = useState(() => systemClock.nowMs());
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  /** The newest history entry when the code was issued: a newer payment is the one it made. */
  const baseline = useRef<string | undefined>(undefined);
  const latestKey = newestKey(history);
  const latestKeyRef = useRef(latestKey);
  latestKeyRef.current = latestKey;
  if (baseline.current === undefined && latestKey !== undefined && code !== undefined) {
    baseline.current = latestKey;
  }

  const refresh = useCallback(async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const issued = await newPayCode(token);
      baseline.current = latestKeyRef.current;
      setQrImage(await QRCode.toDataURL(issued.code, { margin: 2, width: 256, errorCorrectionLevel: 'M' }));
      setCode(issued);
      setNowMs(systemClock.nowMs());
    } catch (error) {
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }, [token, onSessionEnded]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const tick = setInterval(() => setNowMs(systemClock.nowMs()), 1000);
    const watch = setInterval(onWatch, WATCH_MS);
    return () => {
      clearInterval(tick);
      clearInterval(watch);
    };
  }, [onWatch]);

  const left = code === undefined ? 0 : secondsLeft(code.expiresAt, nowMs);
  const latest = history?.[0];
  const used =
    code !== undefined &&
    baseline.current !== undefined &&
    latestKey !== baseline.current &&
    latest?.kind === 'payment';
  const live = code !== undefined && left > 0 && !used;

  return (
    <section className="panel pay-code" aria-labelledby="pay-code-heading">
      <h2 id="pay-code-heading">
        <Bi zh="付款码" en="Pay code" />
      </h2>
      <p className="note">
        <Bi zh="请收银员扫描或输入此码。" en="Let the cashier scan or type this code." stacked />
      </p>
      {used && latest !== undefined && (
        <Notice
          tone="ok"
          message={{
            zh: `已向 ${latest.merchantName} 付款 ${formatMoney(latest.amountMinor, currency)}，凭证号 ${latest.voucher}。`,
            en: `Paid ${formatMoney(latest.amountMinor, currency)} to ${latest.merchantName}, voucher ${latest.voucher}.`,
          }}
        />
      )}
      {code !== undefined && (
        <div className={live ? 'codes' : 'codes spent'} aria-hidden={!live}>
          {qrImage !== undefined && <img className="qr" src={qrImage} alt="付款二维码 Pay code QR" />}
          <Barcode value={code.code} label="付款条形码 Pay code barcode" />
          <p className="code-digits mono" aria-label="付款码数字 Pay code digits">
            {groupDigits(code.code)}
          </p>
        </div>
      )}
      {code !== undefined && (
        <p className="countdown" role="timer" aria-label="有效期 Time left">
          {live ? (
            <Bi zh={`${left} 秒后失效`} en={`valid for ${left} s`} />
          ) : used ? (
            <Bi zh="此码已使用" en="This code has been used" />
          ) : (
            <Bi zh="此码已失效，请刷新" en="This code has expired: refresh it" />
          )}
        </p>
      )}
      {code !== undefined && (
        <p className="note">
          <Bi zh="单笔限额" en="Limit per code" /> {formatMoney(code.limitMinor, currency)}
        </p>
      )}
      {failure !== undefined && <Notice message={errorMessage(failure)} tone="alert" />}
      <button className="button primary wide" type="button" disabled={busy} onClick={() => void refresh()}>
        <Bi zh="刷新付款码" en="Refresh code" />
      </button>
    </section>
  );
}
