import { DataSource, Repository } from 'typeorm';
import { serializedWrite } from '../data-source/serialized-write.util';
import { EndpointHealthEntity } from './endpoint-health.entity';

/** Reads are plain (WAL readers never wait); writes happen only when the state changes. */
export class EndpointHealthRepository {
  private readonly repo: Repository<EndpointHealthEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repo = dataSource.getRepository(EndpointHealthEntity);
  }

  async find(tenantId: string, endpoint: string): Promise<EndpointHealthEntity | null> {
    return this.repo.findOne({ where: { tenantId, endpoint } });
  }

  async save(entity: EndpointHealthEntity): Promise<void> {
    await serializedWrite(this.dataSource, () => this.repo.upsert(entity, { conflictPaths: ['tenantId', 'endpoint'], skipUpdateIfNoValuesChanged: false }));
  }
}
