import {
  parameterPage,
  type EchoRequest,
  type ParameterDownloadRequest,
  type ParametersAppliedRequest,
  type SignInRequest,
  type SignOffRequest,
  type SoftwareChunkRequest,
  type StatusUploadRequest,
} from '@payterm/protocol';
import type { FlowContext, FlowResult } from './flow-context.js';
import { hostTimeFields } from './host-time.js';

function audit(context: FlowContext, action: string, details: object): void {
  context.changes.appendAudit({
    at: context.receivedAt,
    actor: `terminal:${context.terminal.tid}`,
    action,
    subject: context.terminal.tid,
    detailsJson: JSON.stringify(details),
  });
}

/**
 * Sign-in (0800, 60.3 001/003/004): new working keys under the terminal's TMK, generated and kept by the
 * HSM (only their ids are stored), the current batch in 60.2 and the host's time in 12/13. A terminal
 * without a TMK cannot sign in: `89` (security processing failed).
 */
export async function signInFlow(context: FlowContext<SignInRequest>): Promise<FlowResult> {
  const { request, terminal, services } = context;
  const time = hostTimeFields(context.receivedAt);
  if (terminal.tmkKeyId === null) {
    audit(context, 'sign-in-refused', { reason: 'no TMK loaded', operator: request.operator });
    return { response: { kind: 'sign-in', responseCode: '89', ...time } };
  }
  const keys = await services.security.issueWorkingKeys(terminal.tmkKeyId, request.keyLayout);
  const patch = {
    pikKeyId: keys.pik.id,
    makKeyId: keys.mak.id,
    tdkKeyId: keys.tdk?.id ?? null,
    signedIn: true,
    signedInAt: context.receivedAt,
    operator: request.operator,
  };
  context.changes.updateTerminal(terminal.tid, patch);
  audit(context, 'sign-in', {
    operator: request.operator,
    layout: request.keyLayout,
    pikKcv: keys.pik.kcv,
    makKcv: keys.mak.kcv,
    ...(keys.tdk === undefined ? {} : { tdkKcv: keys.tdk.kcv }),
  });
  return {
    response: {
      kind: 'sign-in',
      responseCode: '00',
      workingKeys: keys.field62,
      batch: terminal.batchNo,
      ...time,
    },
    afterCommit: () => void services.terminals.applyCommitted(terminal.tid, patch),
  };
}

/** Sign-off (0820, 60.3 002): financial requests need a new sign-in (`77`). */
export function signOffFlow(context: FlowContext<SignOffRequest>): Promise<FlowResult> {
  const patch = { signedIn: false };
  context.changes.updateTerminal(context.terminal.tid, patch);
  audit(context, 'sign-off', {});
  return Promise.resolve({
    response: { kind: 'sign-off', responseCode: '00', ...hostTimeFields(context.receivedAt) },
    afterCommit: () => void context.services.terminals.applyCommitted(context.terminal.tid, patch),
  });
}

/** Echo test (0820, 60.3 301): the host is reachable and this terminal is known. */
export function echoFlow(context: FlowContext<EchoRequest>): Promise<FlowResult> {
  return Promise.resolve({
    response: { kind: 'echo', responseCode: '00', ...hostTimeFields(context.receivedAt) },
  });
}

/** 360: the page of the terminal's download from its start index (parameters first, then the offer). */
async function parameterDownloadFlow(context: FlowContext<ParameterDownloadRequest>): Promise<FlowResult> {
  const { request, terminal, services } = context;
  const entries = await services.tms.downloadEntries(terminal, request.header);
  return {
    response: {
      kind: 'parameter-download',
      responseCode: '00',
      page: parameterPage(entries, request.startIndex),
      ...hostTimeFields(context.receivedAt),
    },
  };
}

/** 361: the terminal applied a parameter set version; header digit 6 clears when it is the effective one. */
function parametersAppliedFlow(context: FlowContext<ParametersAppliedRequest>): Promise<FlowResult> {
  const patch = { parameterVersion: context.request.parameterVersion };
  context.changes.updateTerminal(context.terminal.tid, patch);
  audit(context, 'parameters-applied', patch);
  return Promise.resolve({
    response: { kind: 'parameters-applied', responseCode: '00', ...hostTimeFields(context.receivedAt) },
    afterCommit: () => void context.services.terminals.applyCommitted(context.terminal.tid, patch),
  });
}

/**
 * 362: the terminal's upgrade state, recorded for its rollout and the fleet view. A report naming a
 * rollout that does not target the terminal, or another version than that rollout's, is answered `12`
 * and files nothing: the terminal drops a 362 once answered, whatever the code, so it is not sent again.
 */
async function statusUploadFlow(context: FlowContext<StatusUploadRequest>): Promise<FlowResult> {
  const { status } = context.request;
  const verdict = await context.services.tms.report(context.terminal, status);
  if (!verdict.filed) {
    const details = {
      tid: context.terminal.tid,
      rolloutId: verdict.rolloutId,
      reportedVersion: status.version ?? null,
      rolloutVersion: verdict.rolloutVersion,
      reason: verdict.reason,
    };
    context.services.logger.warn(
      details,
      '362 ignored: its rollout does not target the terminal or has another version',
    );
    audit(context, 'software-status-ignored', { ...status, ...details });
  } else {
    audit(context, 'software-status', status);
  }
  const responseCode = verdict.filed ? '00' : '12';
  return { response: { kind: 'status-upload', responseCode, ...hostTimeFields(context.receivedAt) } };
}

/** 363: package bytes from an offset: `25` unknown package, `12` not offered or offset beyond the file. */
async function softwareChunkFlow(context: FlowContext<SoftwareChunkRequest>): Promise<FlowResult> {
  const { request, terminal, services } = context;
  const answer = await services.tms.chunk(terminal, request.header, request.sha256, request.offset);
  return {
    response: { kind: 'software-chunk', ...answer, ...hostTimeFields(context.receivedAt) },
  };
}

/** Terminal management (0800 360/361/363, 0820 362, docs/TMS.md §2): no MAC, no journal. */
export function tmsFlow(context: FlowContext): Promise<FlowResult> {
  const request = context.request;
  switch (request.kind) {
    case 'parameter-download':
      return parameterDownloadFlow(context as FlowContext<typeof request>);
    case 'parameters-applied':
      return parametersAppliedFlow(context as FlowContext<typeof request>);
    case 'status-upload':
      return statusUploadFlow(context as FlowContext<typeof request>);
    case 'software-chunk':
      return softwareChunkFlow(context as FlowContext<typeof request>);
    default:
      throw new Error(`${request.kind} is not a terminal management request`);
  }
}
