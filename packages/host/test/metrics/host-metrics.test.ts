import { describe, expect, it } from 'vitest';
import { HostMetrics } from '../../src/metrics/index.js';

describe('HostMetrics', () => {
  it('renders message counters, latency, connections and commit histograms in its own registry', async () => {
    const metrics = new HostMetrics();
    metrics.observeMessage('0200', '00', 3);
    metrics.observeMessage('0200', '00', 12);
    metrics.observeMessage('0200', '51', 0.7);
    metrics.observeMessage('0220', undefined, 1);
    metrics.connectionOpened('tcp');
    metrics.connectionOpened('tcp');
    metrics.connectionClosed('tcp');
    metrics.connectionOpened('websocket');
    metrics.observeCommit(40, 4);
    const text = await metrics.render();
    expect(text).toContain('payterm_iso_messages_total{mti="0200",response_code="00"} 2');
    expect(text).toContain('payterm_iso_messages_total{mti="0200",response_code="51"} 1');
    expect(text).toContain('payterm_iso_messages_total{mti="0220",response_code="none"} 1');
    expect(text).toContain('payterm_iso_request_duration_seconds_bucket{le="0.001"} 2');
    expect(text).toContain('payterm_iso_request_duration_seconds_bucket{le="0.005"} 3');
    expect(text).toContain('payterm_iso_request_duration_seconds_count 4');
    expect(text).toContain('payterm_iso_open_connections{channel="tcp"} 1');
    expect(text).toContain('payterm_iso_open_connections{channel="websocket"} 1');
    expect(text).toContain('payterm_commit_group_size_bucket{le="50"} 1');
    expect(text).toContain('payterm_commit_duration_seconds_sum 0.004');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it("reports the main thread's busy time, which grows while it computes", async () => {
    const metrics = new HostMetrics({ defaultMetrics: false });
    const busy = async (): Promise<number> => {
      const match = /^payterm_event_loop_busy_seconds (\S+)$/m.exec(await metrics.render());
      return Number(match?.[1]);
    };
    const before = await busy();
    const until = performance.now() + 30;
    while (performance.now() < until) Math.sqrt(until);
    await new Promise((resolve) => setImmediate(resolve));
    const after = await busy();
    expect(before).toBeGreaterThan(0);
    expect(after - before).toBeGreaterThanOrEqual(0.025);
  });

  it('keeps two instances apart and can leave out the process metrics', async () => {
    const first = new HostMetrics({ defaultMetrics: false });
    const second = new HostMetrics({ defaultMetrics: false });
    first.observeMessage('0800', '00', 1);
    expect(await first.render()).toContain('payterm_iso_messages_total{mti="0800",response_code="00"} 1');
    const other = await second.render();
    expect(other).not.toContain('mti="0800"');
    expect(other).not.toContain('process_cpu_user_seconds_total');
  });

  it('counts messages across reads, listing label combinations in order of first use', async () => {
    const metrics = new HostMetrics({ defaultMetrics: false });
    metrics.observeMessage('0400', '00', 1);
    metrics.observeMessage('0200', '51', 1);
    metrics.observeMessage('0400', '00', 1);
    const rows = (text: string): string[] =>
      text.split('\n').filter((line) => line.startsWith('payterm_iso_messages_total'));
    expect(rows(await metrics.render())).toEqual([
      'payterm_iso_messages_total{mti="0400",response_code="00"} 2',
      'payterm_iso_messages_total{mti="0200",response_code="51"} 1',
    ]);
    metrics.observeMessage('0200', '00', 1);
    metrics.observeMessage('0400', '00', 1);
    expect(rows(await metrics.render())).toEqual([
      'payterm_iso_messages_total{mti="0400",response_code="00"} 3',
      'payterm_iso_messages_total{mti="0200",response_code="51"} 1',
      'payterm_iso_messages_total{mti="0200",response_code="00"} 1',
    ]);
    expect(rows(await metrics.render())).toHaveLength(3);
    const read = await metrics.registry.getSingleMetric('payterm_iso_messages_total')?.get();
    expect(read?.values.map((value) => value.value)).toEqual([3, 1, 1]);
  });

  it('counts channel connections through its channel observer', async () => {
    const metrics = new HostMetrics({ defaultMetrics: false });
    const observer = metrics.channelObserver();
    const peer = { channel: 'websocket', connectionId: 'ws-1', remoteAddress: '127.0.0.1:1' } as const;
    observer.onConnectionOpen?.(peer);
    expect(await metrics.render()).toContain('payterm_iso_open_connections{channel="websocket"} 1');
    observer.onConnectionClose?.(peer, 'peer');
    expect(await metrics.render()).toContain('payterm_iso_open_connections{channel="websocket"} 0');
  });
});
