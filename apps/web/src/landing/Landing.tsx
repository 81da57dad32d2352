import { Bi } from './Bi.js';
import { fetchDemo, fetchHostStatus } from './host-api.js';
import { HostStatusPanel } from './HostStatusPanel.js';
import { LinksPanel } from './LinksPanel.js';
import { TerminalList } from './TerminalList.js';
import { TryIt } from './TryIt.js';
import { usePolling } from './use-polling.js';

// One string: JSX would put a space at each line break of Chinese text.
const INTRO_ZH =
  'PayTerm 是用 TypeScript 编写的开源银行卡收单平台：POS 终端、收单主机、终端管理和商户门户，使用真实的银联风格 ISO 8583 报文。' +
  '下面的网页终端就是浏览器里的一台 POS 机，用测试卡即可在这台主机上完成消费、撤销和结算。';

/** The host's status and the terminals' sign-in state are refreshed this often. */
export const REFRESH_MS = 5000;

/** The start page at `/`: what PayTerm is, the demo terminals, the host's status, how to try it. */
export function Landing() {
  const status = usePolling(fetchHostStatus, REFRESH_MS);
  const demo = usePolling(fetchDemo, REFRESH_MS);
  return (
    <>
      <header className="masthead">
        <h1>PayTerm</h1>
        <p>{INTRO_ZH}</p>
        <p lang="en">
          PayTerm is an open-source bank-card acquiring platform in TypeScript — POS terminal, acquirer host,
          terminal management and merchant portal — speaking real UnionPay-style ISO 8583. The web terminal
          below is a POS device in your browser: with the test cards you can do a sale, a void and a
          settlement against this host.
        </p>
      </header>
      <main className="grid">
        <TerminalList demo={demo} />
        <div className="stack">
          <HostStatusPanel status={status} />
          <LinksPanel />
        </div>
        <TryIt />
      </main>
      <footer className="footer">
        <p>
          <Bi zh="仅为测试数据，不涉及真实资金。" en="Test data only: no real money moves." /> Apache-2.0
        </p>
      </footer>
    </>
  );
}
