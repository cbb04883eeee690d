import type { CliIo, OutputStream } from '../../../lib/cli';

/** An in-memory stream that records what the CLI wrote. */
export class MemoryStream implements OutputStream {
  private readonly chunks: string[] = [];

  constructor(
    readonly isTTY = false,
    readonly columns = 120,
  ) {}

  write(text: string): boolean {
    this.chunks.push(text);
    return true;
  }

  get text(): string {
    return this.chunks.join('');
  }

  get lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}

export interface MemoryIo extends CliIo {
  readonly stdout: MemoryStream;
  readonly stderr: MemoryStream;
  /** Aborts the shutdown signal, as SIGINT would. */
  shutdown(): void;
}

/** CLI I/O for in-process tests: captured stdout/stderr, a fixed stdin, a shutdown switch. */
export function memoryIo(options: { stdin?: string; cwd?: string; tty?: boolean } = {}): MemoryIo {
  const controller = new AbortController();
  return {
    stdout: new MemoryStream(),
    stderr: new MemoryStream(options.tty ?? false),
    readStdin: async () => options.stdin ?? '',
    shutdownSignal: () => controller.signal,
    shutdown: () => controller.abort(new Error('test shutdown')),
    cwd: options.cwd ?? process.cwd(),
  };
}
