import { readFile } from 'node:fs/promises';
import { hostError } from '../errors.js';
import { riskConfigSchema, type RiskConfigInput } from '../risk/risk-config.js';

/**
 * The risk rules of `--risk-config FILE` (JSON, the shape of risk/risk-config.ts; omitted parts keep
 * their defaults). Throws HOST_CONFIG_INVALID naming the setting and the first problem.
 */
export async function loadRiskConfigFile(file: string): Promise<RiskConfigInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw hostError('HOST_CONFIG_INVALID', '--risk-config: the file cannot be read', {
      setting: '--risk-config',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw hostError('HOST_CONFIG_INVALID', '--risk-config: the file is not JSON', {
      setting: '--risk-config',
    });
  }
  const parsed = riskConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : ` at ${issue.path.join('.') || '(root)'}`;
    throw hostError('HOST_CONFIG_INVALID', `--risk-config: ${issue?.message ?? 'invalid'}${where}`, {
      setting: '--risk-config',
    });
  }
  return json as RiskConfigInput;
}
