/**
 * The application payload: the terminal core's browser-safe entry (`@payterm/terminal`) bundled by
 * esbuild into ONE self-contained, minified ES module for a neutral platform, so that both shells (the
 * Node terminal and the web device page) can load it. Any import of a Node.js module fails the build.
 */
import { fileURLToPath } from 'node:url';
import { build, type Message, type Plugin } from 'esbuild';
import { softwareError } from '../errors.js';

export interface BundleOptions {
  /** What to bundle: a module specifier or path; default `@payterm/terminal` (its built dist). */
  readonly entry?: string;
  /** Where `entry` is resolved from; default this package's folder. */
  readonly resolveDir?: string;
}

export interface ApplicationBundle {
  readonly payload: Uint8Array;
  /** TERMINAL_APP_ABI as the bundle exports it. */
  readonly abi: number;
}

const NODE_BUILTINS =
  /^(node:|(assert|buffer|child_process|cluster|crypto|dgram|dns|events|fs|http|http2|https|module|net|os|path|perf_hooks|process|readline|stream|string_decoder|timers|tls|tty|url|util|v8|vm|worker_threads|zlib)(\/.*)?$)/;

/** Turns every import of a Node.js built-in into a build error naming the importer. */
const forbidNodeModules: Plugin = {
  name: 'forbid-node-modules',
  setup(builder) {
    builder.onResolve({ filter: NODE_BUILTINS }, (args) => ({
      errors: [{ text: `Node.js module "${args.path}" imported by ${args.importer || 'the entry'}` }],
    }));
  },
};

function failed(message: string, details: Record<string, string> = {}, cause?: unknown): never {
  throw softwareError('SOFTWARE_BUILD_FAILED', message, { part: 'build', offset: -1, ...details }, cause);
}

function describeErrors(errors: readonly Message[]): string {
  return errors
    .slice(0, 5)
    .map((error) => error.text)
    .join('; ');
}

/** Bundles the application; SOFTWARE_BUILD_FAILED when esbuild fails or a Node.js module is imported. */
export async function bundleTerminalApp(options: BundleOptions = {}): Promise<ApplicationBundle> {
  const entry = options.entry ?? '@payterm/terminal';
  let output: Uint8Array;
  try {
    const result = await build({
      stdin: {
        contents: `export * from ${JSON.stringify(entry)};`,
        resolveDir: options.resolveDir ?? fileURLToPath(new URL('../..', import.meta.url)),
        sourcefile: 'terminal-application.js',
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      charset: 'utf8',
      write: false,
      logLevel: 'silent',
      plugins: [forbidNodeModules],
    });
    const file = result.outputFiles[0];
    if (file === undefined) failed('esbuild produced no output');
    output = file.contents;
  } catch (error) {
    const errors = (error as { errors?: readonly Message[] }).errors;
    if (errors === undefined) throw error;
    failed(`The application does not bundle: ${describeErrors(errors)}`, { entry }, error);
  }
  return { payload: output, abi: await applicationAbiOf(output) };
}

/** Loads a bundled application module and reads its TERMINAL_APP_ABI (SOFTWARE_BUILD_FAILED without one). */
export async function applicationAbiOf(payload: Uint8Array): Promise<number> {
  let module: { TERMINAL_APP_ABI?: unknown };
  try {
    module = (await import(
      `data:text/javascript;base64,${Buffer.from(payload).toString('base64')}`
    )) as typeof module;
  } catch (error) {
    failed('The application module does not load as an ES module', {}, error);
  }
  const abi = module.TERMINAL_APP_ABI;
  if (typeof abi !== 'number' || !Number.isSafeInteger(abi) || abi < 0) {
    failed('The application module does not export TERMINAL_APP_ABI');
  }
  return abi;
}
