/** Reading a scenario file for the command-line tools (the runner and the server): size-checked, errors in words. */
import { readFileSync, statSync } from 'node:fs';
import { MAX_SOURCE_BYTES, ScenarioError } from '../engine';

/** The file could not be read at all (missing, unreadable): a usage error, not a scenario error. */
export class ScenarioFileError extends Error {}

/** The file's text; a ScenarioError when it is over the size limit, a ScenarioFileError when unreadable. */
export function readScenarioFile(file: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ScenarioFileError(
      code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? 'error'})`,
    );
  }
  if (size > MAX_SOURCE_BYTES) {
    const mib = (size / (1024 * 1024)).toFixed(1);
    throw new ScenarioError([
      { line: 1, column: 1, message: `input is too large (${mib} MiB): the limit is 1 MiB` },
    ]);
  }
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioFileError(`${file}: cannot read (${(e as { code?: string }).code ?? 'error'})`);
  }
}
