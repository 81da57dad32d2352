import type { CliIo } from '@payterm/cli';

/** Captures output and serves canned stdin / files, so commands run in-process. */
export function fakeIo(stdin = '', files: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    writeOut: (text: string) => void (io.out += text),
    writeErr: (text: string) => void (io.err += text),
    readStdin: async () => stdin,
    readTextFile: async (path: string) => {
      const content = files[path];
      if (content === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
      return content;
    },
  };
  return io;
}
