import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Provides the health check's database probe (a round trip to the server or file) under the given token. */
export function databaseProbeProvider(token: symbol): Provider {
  return { provide: token, useFactory: (dataSource: DataSource) => () => dataSource.query('SELECT 1'), inject: [DataSource] };
}
