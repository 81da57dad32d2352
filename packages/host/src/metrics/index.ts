export { HostMetrics, NO_RESPONSE_CODE } from './host-metrics.js';
