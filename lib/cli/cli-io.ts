import { once } from 'node:events';

/** Where the CLI writes and reads; tests pass their own to run the program in-process. */
export interface CliIo {
  /** Results (JSON) only, so `redshift-query ... > out.json` captures exactly the result. */
  readonly stdout: OutputStream;
  /** Progress, logs and error lines. */
  readonly stderr: OutputStream;
  /** Reads all of standard input (for `-` arguments). */
  readStdin(): Promise<string>;
  /**
   * A signal aborted when the process should shut down (SIGINT/SIGTERM). Only long-running commands
   * call it: installing the handlers replaces Node's default "exit at once" on Ctrl-C.
   */
  shutdownSignal(): AbortSignal;
  /** Base for relative paths. */
  readonly cwd: string;
}

export interface OutputStream {
  write(text: string): unknown;
  /** A terminal gets a live, redrawn progress display; anything else gets plain lines. @default false */
  readonly isTTY?: boolean;
  /** Terminal width, for trimming progress lines. @default 100 */
  readonly columns?: number;
}

/** The real process streams and signals. */
export function processIo(): CliIo {
  let controller: AbortController | undefined;
  const shutdownSignal = () => {
    if (!controller) {
      const created = new AbortController();
      const stop = (signal: NodeJS.Signals) => created.abort(new Error(`received ${signal}`));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      controller = created;
    }
    return controller.signal;
  };
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readAll(process.stdin),
    shutdownSignal,
    cwd: process.cwd(),
  };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer | string) => chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
  await once(stream, 'end');
  return Buffer.concat(chunks).toString('utf8');
}
