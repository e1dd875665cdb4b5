import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  APPLICATION_WEBHOOK_SUBJECTS_V1, ApplicationWebhookView, DeleteApplicationWebhookCommand, GetApplicationWebhookCommand,
  PutApplicationWebhookCommand,
} from '@hookrelay/contracts';
import { ApplicationWebhooksService } from './application-webhooks.service';

@Controller()
export class ApplicationWebhooksController {
  constructor(private readonly service: ApplicationWebhooksService) {}

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
}
