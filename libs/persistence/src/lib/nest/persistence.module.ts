import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, DatabaseTarget } from '../data-source/data-source-options';
import { runMigrations } from '../data-source/open-data-source';
import { SchemaName } from '../data-source/schemas';

type RepositoryClass<T> = new (dataSource: DataSource) => T;

/** Provides a repository class constructed on the module's DataSource. */
export function repositoryProvider<T>(repository: RepositoryClass<T>): Provider {
  return { provide: repository, useFactory: (dataSource: DataSource) => new repository(dataSource), inject: [DataSource] };
}

/**
 * The Nest adapter of the persistence lib: one DataSource for the app's schema, migrated at start
 * (never `synchronize`), closed on shutdown by TypeOrmModule.
 */
@Module({})
export class PersistenceModule {
  static forRoot(options: { schema: SchemaName; database: DatabaseTarget; repositories: Array<RepositoryClass<unknown>> }): DynamicModule {
    const repositories = options.repositories.map((repository) => repositoryProvider(repository));
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...buildDataSourceOptions(options.database, options.schema), retryAttempts: 5, retryDelay: 2000 }),
          dataSourceFactory: async (dataSourceOptions) => {
            if (!dataSourceOptions) throw new Error('missing data source options');
            const dataSource = await new DataSource(dataSourceOptions).initialize();
            await runMigrations(dataSource, options.schema);
            return dataSource;
          },
        }),
      ],
      providers: repositories,
      exports: repositories,
    };
  }
}
