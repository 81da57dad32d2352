import { Bi } from './Bi.js';

/** Where else to go: the API docs, the wallet; the portal once it exists (no dead links). */
export function LinksPanel() {
  return (
    <nav className="panel" aria-labelledby="links-heading">
      <h2 id="links-heading">
        <Bi zh="更多" en="More" />
      </h2>
      <ul className="links">
        <li>
          <a href="/api/docs">
            <Bi zh="API 文档" en="API docs" />
          </a>{' '}
          <span className="note">OpenAPI</span>
        </li>
        <li className="soon">
          <span>
            <Bi zh="商户门户" en="Merchant portal" />
          </span>{' '}
          <span className="tag">
            <Bi zh="即将推出" en="coming soon" />
          </span>
        </li>
        <li>
          <a href="/wallet">
            <Bi zh="钱包" en="Wallet" />
          </a>{' '}
          <span className="note">
            <Bi zh="扫码付款、付款码" en="scan to pay, pay code" />
          </span>
        </li>
      </ul>
    </nav>
  );
}
