import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliIo } from './cli-io';
import { CliInputError } from './errors';
import { parseJsonWithLocation } from '../local-run';

/** `-` means standard input, anything else a file path (relative to the working directory). */
export const STDIN = '-';

/**
 * Reads a file (or stdin for `-`) as text. `what` names the input in messages ("definition file").
 * Missing or unreadable files become one clear {@link CliInputError}.
 */
export async function readTextSource(source: string, what: string, io: CliIo): Promise<string> {
  if (source === STDIN) return io.readStdin();
  const path = resolveUserPath(source, io);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'is not readable (permission denied)' : (error as Error).message;
    throw new CliInputError(`${what} ${source} ${reason}`, { cause: error });
  }
}

/** Parses JSON; a syntax error names the input, the line and column, and what is wrong there. */
export function parseJsonText(text: string, label: string): unknown {
  const parsed = parseJsonWithLocation(text);
  if (parsed.ok) return parsed.value;
  throw new CliInputError(`${label} is not valid JSON: ${parsed.message}`);
}

/** {@link readTextSource} then {@link parseJsonText}; the label is e.g. "definition file def.json" or "standard input". */
export async function readJsonSource(source: string, what: string, io: CliIo): Promise<unknown> {
  const text = await readTextSource(source, what, io);
  return parseJsonText(text, source === STDIN ? `${what} (standard input)` : `${what} ${source}`);
}

/**
 * A user-given path, made usable from this process: relative paths are resolved against `io.cwd`
 * only when that differs from the process's own directory, so messages keep showing what the user typed.
 */
export function resolveUserPath(path: string, io: CliIo): string {
  return isAbsolute(path) || io.cwd === process.cwd() ? path : resolve(io.cwd, path);
}
