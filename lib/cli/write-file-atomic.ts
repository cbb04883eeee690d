import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CliInputError } from './errors';

/**
 * Writes `content` to `path` through a temporary file in the same directory and a rename, so a
 * reader never sees a half-written file and a failure leaves any previous file untouched. Missing parent
 * directories are created (`--out build/definition.json` works in a fresh checkout).
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'a parent of it is a file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new CliInputError(`cannot write ${path}: ${reason}`, { cause: error });
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'its directory does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliInputError(`cannot write ${path}: ${reason}`, { cause: error });
  }
}
