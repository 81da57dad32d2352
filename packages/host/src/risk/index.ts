export { riskConfigSchema, parseRiskConfig, type RiskConfig, type RiskConfigInput } from './risk-config.js';
export {
  RiskEngine,
  RISK_RESPONSE_CODES,
  type RiskRule,
  type RiskInput,
  type RiskDecision,
  type RiskTransaction,
  type CardUsage,
} from './risk-engine.js';
export { PrefixSet } from './prefix-set.js';
