import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof bench/dist/main.js codec`): the functions with
 * the most self time and the most inclusive time.
 *
 *   node bench/dist/profile-summary.js <file.cpuprofile> [--top N] [--filter text]
 *
 * --filter keeps only samples whose stack contains a frame whose URL contains the text (e.g.
 * `iso8583/dist` to see only time under our codec); percentages are then of the filtered time.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function frameName(frame: CallFrame): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const path = frame.url.startsWith('file:') ? relative(process.cwd(), fileURLToPath(frame.url)) : frame.url;
  return `${name}  ${path}:${frame.lineNumber + 1}`;
}

export function summarise(profile: CpuProfile, top: number, filter: string | undefined): string {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node !== undefined) stack.push(node.callFrame);
    }
    if (filter !== undefined && !stack.some((frame) => frame.url.includes(filter))) return;
    const leaf = stack[0];
    if (leaf === undefined) return;
    total += delta;
    const leafName = frameName(leaf);
    self.set(leafName, (self.get(leafName) ?? 0) + delta);
    for (const name of new Set(stack.map(frameName))) inclusive.set(name, (inclusive.get(name) ?? 0) + delta);
  });
  const table = (title: string, times: Map<string, number>): string[] => [
    title,
    ...[...times]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, us]) =>
          `${((100 * us) / total).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
      ),
  ];
  return [
    `${(total / 1000).toFixed(0)} ms sampled${filter === undefined ? '' : ` under frames matching "${filter}"`}`,
    '',
    ...table('self time', self),
    '',
    ...table('inclusive time', inclusive),
  ].join('\n');
}

function main(args: readonly string[]): void {
  const file = args.find((arg, i) => !arg.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  if (file === undefined) {
    console.error('usage: node bench/dist/profile-summary.js <file.cpuprofile> [--top N] [--filter text]');
    process.exitCode = 2;
    return;
  }
  const option = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index < 0 ? undefined : args[index + 1];
  };
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  console.log(summarise(profile, Number(option('--top') ?? 25), option('--filter')));
}

main(process.argv.slice(2));
