import { Bi } from './Bi.js';
import { terminalHref, type DemoListing, type DemoState, type DemoTerminal } from './host-api.js';

function signedInTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

function TerminalItem({ terminal }: { readonly terminal: DemoTerminal }) {
  return (
    <li className="terminal" data-tid={terminal.tid}>
      <h3>
        <Bi zh="终端" en="Terminal" /> {terminal.tid}
      </h3>
      <p>
        <span className={terminal.signedIn ? 'tag ok' : 'tag'}>
          {terminal.signedIn ? <Bi zh="已签到" en="Signed in" /> : <Bi zh="未签到" en="Not signed in" />}
        </span>{' '}
        {terminal.status === 'disabled' && (
          <span className="tag alert">
            <Bi zh="已停用" en="Disabled" />
          </span>
        )}
      </p>
      <dl className="facts">
        <div>
          <dt>
            <Bi zh="批次号" en="Batch" />
          </dt>
          <dd>{terminal.batchNo}</dd>
        </div>
        {terminal.signedInAt !== null && (
          <div>
            <dt>
              <Bi zh="签到时间" en="Signed in at" />
            </dt>
            <dd>{signedInTime(terminal.signedInAt)}</dd>
          </div>
        )}
      </dl>
      <a className="button primary" href={terminalHref(terminal.tid)}>
        <Bi zh="打开终端" en="Open terminal" />
        <span className="visually-hidden"> {terminal.tid}</span>
      </a>
    </li>
  );
}

function Listing({ listing }: { readonly listing: DemoListing }) {
  return (
    <>
      <p>
        {listing.merchant.name} · <Bi zh="商户号" en="MID" /> {listing.merchant.mid}
      </p>
      <ul className="terminals" aria-labelledby="terminals-heading">
        {listing.terminals.map((terminal) => (
          <TerminalItem key={terminal.tid} terminal={terminal} />
        ))}
      </ul>
    </>
  );
}

/** The demo merchant's terminals (`/api/public/demo`), each with a link to its device page. */
export function TerminalList({ demo }: { readonly demo: DemoState | undefined }) {
  const state: DemoState = demo ?? { kind: 'loading' };
  return (
    <section className="panel" aria-labelledby="terminals-heading">
      <h2 id="terminals-heading">
        <Bi zh="演示终端" en="Demo terminals" />
      </h2>
      {state.kind === 'loading' && (
        <p>
          <Bi zh="加载中…" en="Loading…" />
        </p>
      )}
      {state.kind === 'loaded' && <Listing listing={state.listing} />}
      {state.kind === 'failed' && (
        <>
          <p className="note" role="alert">
            <Bi zh="无法读取终端列表" en="Could not load the terminals" />: {state.reason}
          </p>
          {state.last !== undefined && <Listing listing={state.last} />}
        </>
      )}
    </section>
  );
}
