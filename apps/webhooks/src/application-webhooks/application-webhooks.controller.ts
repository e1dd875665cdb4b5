import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  APPLICATION_EVENT_SUBJECTS_V1, APPLICATION_WEBHOOK_SUBJECTS_V1, ApplicationWebhookView, DeleteApplicationWebhookCommand,
  GetApplicationWebhookCommand, PublishApplicationEventCommand, PublishedApplicationEvent, PutApplicationWebhookCommand,
} from '@hookrelay/contracts';
import { ApplicationEventsService } from './application-events.service';
import { ApplicationWebhooksService } from './application-webhooks.service';

@Controller()
export class ApplicationWebhooksController {
  constructor(
    private readonly service: ApplicationWebhooksService,
    private readonly events: ApplicationEventsService,
  ) {}

  @MessagePattern(APPLICATION_WEBHOOK_SUBJECTS_V1.put)
  put(@Payload() command: PutApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    return this.service.put(command);
  }

  @MessagePattern(APPLICATION_WEBHOOK_SUBJECTS_V1.get)
  get(@Payload() command: GetApplicationWebhookCommand): Promise<ApplicationWebhookView> {
    return this.service.get(command);
  }

  @MessagePattern(APPLICATION_WEBHOOK_SUBJECTS_V1.delete)
  delete(@Payload() command: DeleteApplicationWebhookCommand): Promise<{ deleted: true }> {
    return this.service.delete(command);
  }

  @MessagePattern(APPLICATION_WEBHOOK_SUBJECTS_V1.getSecret)
  secret(@Payload() command: GetApplicationWebhookCommand): Promise<{ signing_secret: string }> {
    return this.service.secret(command);
  }

  @MessagePattern(APPLICATION_WEBHOOK_SUBJECTS_V1.rotateSecret)
  rotateSecret(@Payload() command: GetApplicationWebhookCommand): Promise<{ signing_secret: string }> {
    return this.service.rotateSecret(command);
  }

  @MessagePattern(APPLICATION_EVENT_SUBJECTS_V1.publish)
  publish(@Payload() command: PublishApplicationEventCommand): Promise<PublishedApplicationEvent> {
    return this.events.publish(command);
  }
}
