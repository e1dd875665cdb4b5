import { resolve } from 'node:path';

/**
 * Where the console's build is, when CONSOLE_DIR does not say: dist/apps/console next to the built gateway
 * (this file runs as dist/out-tsc/apps/gateway/src/console/console-dir.util.js, the Docker image keeps the
 * same layout under /app).
 */
export function consoleDirFrom(setting: string | undefined): string {
  return setting ? resolve(setting) : resolve(__dirname, '../../../../../apps/console');
}
