import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from '../data-source/data-source-options';
import { runSchemaMigrations } from '../data-source/open-data-source';
import { SchemaName } from '../data-source/schemas';

type RepositoryClass<T> = new (dataSource: DataSource) => T;

/** Provides a repository class constructed on the module's DataSource. */
export function repositoryProvider<T>(repository: RepositoryClass<T>): Provider {
  return { provide: repository, useFactory: (dataSource: DataSource) => new repository(dataSource), inject: [DataSource] };
}

/**
 * The Nest adapter of the persistence lib: one DataSource over the app's schemas, each migrated at start
 * (never `synchronize`), closed on shutdown by TypeOrmModule.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: { schemas: readonly SchemaName[]; database: DatabaseTarget; repositories: Array<RepositoryClass<unknown>> }): DynamicModule {
    const repositories = options.repositories.map((repository) => repositoryProvider(repository));
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(options.database, options.schemas), retryAttempts: 5, retryDelay: 2000 }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('missing data source options');
            for (const schema of options.schemas) await runSchemaMigrations(options.database, schema);
            return new DataSource(dataSourceOptions).initialize();
          },
        }),
      ],
      providers: repositories,
      exports: repositories,
    };
  }
}
