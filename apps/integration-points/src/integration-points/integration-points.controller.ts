import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateIntegrationPointCommand, DeleteIntegrationPointCommand, GetIntegrationPointCommand, INTEGRATION_POINT_SUBJECTS_V1,
  IntegrationPointProjection, IntegrationTokenView, ListIntegrationPointsCommand, LookupIntegrationPointCommand,
  ResolveIntegrationTokenCommand, UpdateIntegrationPointCommand,
} from '@hookrelay/contracts';
import { IntegrationPointsService } from './integration-points.service';

/** NATS edge of the service: payloads are validated by the global pipe, then one service call each. */
@Controller()
export class IntegrationPointsController {
  constructor(private readonly service: IntegrationPointsService) {}

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.create)
  create(@Payload() command: CreateIntegrationPointCommand): Promise<IntegrationPointProjection> {
    return this.service.create(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.get)
  get(@Payload() command: GetIntegrationPointCommand): Promise<IntegrationPointProjection> {
    return this.service.get(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.list)
  list(@Payload() command: ListIntegrationPointsCommand): Promise<IntegrationPointProjection[]> {
    return this.service.list(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.update)
  update(@Payload() command: UpdateIntegrationPointCommand): Promise<IntegrationPointProjection> {
    return this.service.update(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.delete)
  delete(@Payload() command: DeleteIntegrationPointCommand): Promise<{ deleted: true }> {
    return this.service.delete(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.lookup)
  lookup(@Payload() command: LookupIntegrationPointCommand): Promise<string[]> {
    return this.service.lookup(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.getSecret)
  secret(@Payload() command: DeleteIntegrationPointCommand): Promise<{ signing_secret: string }> {
    return this.service.secret(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.rotateSecret)
  rotateSecret(@Payload() command: DeleteIntegrationPointCommand): Promise<{ signing_secret: string }> {
    return this.service.rotateSecret(command);
  }

  @MessagePattern(INTEGRATION_POINT_SUBJECTS_V1.resolveToken)
  resolveToken(@Payload() command: ResolveIntegrationTokenCommand): Promise<IntegrationTokenView> {
    return this.service.resolveToken(command);
  }
}
