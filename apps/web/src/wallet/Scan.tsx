import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Bi } from '../landing/Bi.js';
import { WalletPinField } from './WalletPinField.js';
import { CameraScanner } from './CameraScanner.js';
import { decodeImageFile } from '../shared/image-scan.js';
import { formatMoney } from './money.js';
import { Notice } from './Notice.js';
import {
  inspectOrder,
  isSessionEnded,
  NO_QR_FOUND,
  payOrder,
  WalletApiError,
  type OrderInfo,
  type PayResult,
} from './wallet-api.js';
import { errorMessage, ORDER_STATUS } from './wallet-messages.js';

type Stage =
  | { readonly kind: 'choose' }
  | { readonly kind: 'confirm'; readonly payload: string; readonly order: OrderInfo }
  | { readonly kind: 'paid'; readonly order: OrderInfo; readonly result: PayResult };

interface ScanProps {
  readonly token: string;
  readonly currency: string;
  /** After a payment, so the balance and history are read again. */
  readonly onPaid: () => void;
  readonly onSessionEnded: () => void;
}

/** Scan a merchant's code (camera, picture or pasted text), see the order, type the wallet PIN, pay. */
export function Scan({ token, currency, onPaid, onSessionEnded }: ScanProps) {
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [camera, setCamera] = useState(false);
  const [pasted, setPasted] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);

  function fail(error: unknown) {
    if (isSessionEnded(error)) onSessionEnded();
    else setFailure(error);
  }

  async function inspect(payload: string) {
    const text = payload.trim();
    if (text === '') return;
    setCamera(false);
    setBusy(true);
    setFailure(undefined);
    try {
      const order = await inspectOrder(token, text);
      setPin('');
      setStage({ kind: 'confirm', payload: text, order });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setFailure(undefined);
    try {
      const text = await decodeImageFile(file);
      if (text === null) {
        setFailure(new WalletApiError(NO_QR_FOUND, 0));
        return;
      }
      setPasted(text);
      await inspect(text);
    } catch (error) {
      setFailure(error);
    }
  }

  async function pay(event: FormEvent) {
    event.preventDefault();
    if (stage.kind !== 'confirm') return;
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await payOrder(token, stage.payload, pin);
      setStage({ kind: 'paid', order: stage.order, result });
      setPasted('');
      onPaid();
    } catch (error) {
      fail(error);
    } finally {
      setPin('');
      setBusy(false);
    }
  }

  function restart() {
    setStage({ kind: 'choose' });
    setFailure(undefined);
    setPin('');
  }

  const failureNotice = failure !== undefined && <Notice message={errorMessage(failure)} tone="alert" />;

  if (stage.kind === 'paid') {
    const { result } = stage;
    return (
      <section className="panel" aria-labelledby="scan-heading">
        <h2 id="scan-heading">
          <Bi zh="付款成功" en="Paid" />
        </h2>
        <dl className="facts" aria-label="付款结果 Payment result">
          <dt>
            <Bi zh="商户" en="Merchant" />
          </dt>
          <dd>{result.merchantName}</dd>
          <dt>
            <Bi zh="金额" en="Amount" />
          </dt>
          <dd>{formatMoney(result.amountMinor, currency)}</dd>
          <dt>
            <Bi zh="凭证号" en="Voucher" />
          </dt>
          <dd className="mono">{result.voucher}</dd>
          <dt>
            <Bi zh="余额" en="Balance" />
          </dt>
          <dd>{formatMoney(result.balanceMinor, currency)}</dd>
        </dl>
        <button className="button primary wide" type="button" onClick={restart}>
          <Bi zh="完成" en="Done" />
        </button>
      </section>
    );
  }

  if (stage.kind === 'confirm') {
    const { order } = stage;
    const payable = order.status === 'waiting';
    const status = ORDER_STATUS[order.status] ?? { zh: order.status, en: order.status };
    return (
      <section className="panel" aria-labelledby="scan-heading">
        <h2 id="scan-heading">
          <Bi zh="确认付款" en="Confirm payment" />
        </h2>
        <dl className="facts" aria-label="订单 Order">
          <dt>
            <Bi zh="商户" en="Merchant" />
          </dt>
          <dd>{order.merchantName}</dd>
          <dt>
            <Bi zh="城市" en="City" />
          </dt>
          <dd>{order.city}</dd>
          <dt>
            <Bi zh="金额" en="Amount" />
          </dt>
          <dd className="amount">{formatMoney(order.amountMinor, order.currency)}</dd>
          <dt>
            <Bi zh="订单状态" en="Status" />
          </dt>
          <dd>
            <Bi {...status} />
          </dd>
          <dt>
            <Bi zh="终端" en="Terminal" />
          </dt>
          <dd className="mono">{order.tid}</dd>
        </dl>
        {payable ? (
          <form className="pay-form" onSubmit={(event) => void pay(event)}>
            <WalletPinField value={pin} onChange={setPin} autoComplete="off" />
            <button className="button primary wide" type="submit" disabled={busy || pin.length !== 6}>
              <Bi zh="确认付款" en="Pay" /> {formatMoney(order.amountMinor, order.currency)}
            </button>
          </form>
        ) : (
          <Notice
            tone="alert"
            message={{
              zh: `这笔订单${status.zh}，不能付款。`,
              en: `This order cannot be paid: ${status.en.toLowerCase()}.`,
            }}
          />
        )}
        {failureNotice}
        <button className="button wide" type="button" onClick={restart}>
          <Bi zh="取消" en="Cancel" />
        </button>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="scan-heading">
      <h2 id="scan-heading">
        <Bi zh="扫码付款" en="Scan to pay" />
      </h2>
      <p className="note">
        <Bi
          zh="扫描商户终端上的二维码，或上传它的图片，或粘贴二维码内容。"
          en="Scan the code on the merchant's terminal, upload a picture of it, or paste its text."
          stacked
        />
      </p>
      <button className="button wide" type="button" aria-pressed={camera} onClick={() => setCamera(!camera)}>
        {camera ? <Bi zh="关闭相机" en="Close camera" /> : <Bi zh="打开相机" en="Open camera" />}
      </button>
      {camera && <CameraScanner onFound={(text) => void inspect(text)} />}
      <label className="button wide file-button">
        <Bi zh="上传二维码图片" en="Upload a QR picture" />
        <input
          className="visually-hidden"
          type="file"
          accept="image/*"
          onChange={(event) => void upload(event)}
        />
      </label>
      <form
        className="paste-form"
        onSubmit={(event) => {
          event.preventDefault();
          void inspect(pasted);
        }}
      >
        <label className="field">
          <span>
            <Bi zh="二维码内容" en="QR code text" />
          </span>
          <textarea
            name="payload"
            rows={3}
            spellCheck={false}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
        </label>
        <button className="button primary wide" type="submit" disabled={busy || pasted.trim() === ''}>
          <Bi zh="查看订单" en="Look up order" />
        </button>
      </form>
      {failureNotice}
    </section>
  );
}
