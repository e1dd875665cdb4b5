import { join } from 'node:path';
import { makeTestTempDir } from './test-temp-dir.util';

/**
 * A path for a new SQLite file in its own fresh dir under os.tmpdir() (so -wal/-shm files stay
 * together). The file does not exist yet. Dirs are deleted when a later run finds their owner gone.
 */
export function tempSqlitePath(fileName = 'test.sqlite'): string {
  return join(makeTestTempDir('sqlite').path, fileName);
}
