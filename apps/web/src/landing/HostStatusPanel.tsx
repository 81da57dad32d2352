import { Bi } from './Bi.js';
import type { HostState, HostStatus } from './host-api.js';
import type { Bilingual } from './try-it-data.js';

const STATE_TEXT: Readonly<Record<HostState, Bilingual>> = {
  checking: { zh: '检查中', en: 'Checking…' },
  ok: { zh: '正常', en: 'OK' },
  degraded: { zh: '降级', en: 'Degraded' },
  unreachable: { zh: '无法连接', en: 'Unreachable' },
};

function upOrDown(up: boolean | undefined): Bilingual | undefined {
  if (up === undefined) return undefined;
  return up ? { zh: '正常', en: 'up' } : { zh: '故障', en: 'down' };
}

function Fact({
  label,
  value,
}: {
  readonly label: Bilingual;
  readonly value: Bilingual | string | undefined;
}) {
  return (
    <div>
      <dt>
        <Bi {...label} />
      </dt>
      <dd>{value === undefined ? '—' : typeof value === 'string' ? value : <Bi {...value} />}</dd>
    </div>
  );
}

function timeOf(httpDate: string | undefined): string | undefined {
  if (httpDate === undefined) return undefined;
  const date = new Date(httpDate);
  return Number.isNaN(date.getTime()) ? undefined : date.toLocaleTimeString('zh-CN', { hour12: false });
}

/** The host's live status (`/api/health`, polled by the page): state, version, database, engine. */
export function HostStatusPanel({ status }: { readonly status: HostStatus | undefined }) {
  const current: HostStatus = status ?? { state: 'checking' };
  return (
    <section className="panel" aria-labelledby="host-heading">
      <h2 id="host-heading">
        <Bi zh="主机状态" en="Host status" />
      </h2>
      {/* Only the state is live: the check time changes every 5 s and would be read out each time. */}
      <p role="status" className="host-state" data-state={current.state}>
        <span className="dot" aria-hidden="true" />
        <Bi {...STATE_TEXT[current.state]} />
      </p>
      <dl className="facts">
        <Fact label={{ zh: '版本', en: 'Version' }} value={current.version} />
        <Fact
          label={{ zh: '数据库', en: 'Database' }}
          value={upOrDown(current.database === undefined ? undefined : current.database === 'up')}
        />
        <Fact label={{ zh: '交易引擎', en: 'Engine' }} value={upOrDown(current.engineHealthy)} />
        <Fact label={{ zh: '检查时间', en: 'Checked at' }} value={timeOf(current.checkedAt)} />
      </dl>
      {current.reason !== undefined && <p className="note">{current.reason}</p>}
      <p className="note">
        <Bi zh="每 5 秒刷新。" en="Refreshed every 5 s." />
      </p>
    </section>
  );
}
