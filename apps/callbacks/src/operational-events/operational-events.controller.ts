import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListOperationalEventsCommand, OPERATIONAL_EVENTS_SUBJECTS_V1, OperationalEventPageView, OperationalWebhookRefCommand, OperationalWebhookView,
  PutOperationalWebhookCommand,
} from '@hookrelay/contracts';
import { OperationalEventsService } from './operational-events.service';

@Controller()
export class OperationalEventsController {
  constructor(private readonly service: OperationalEventsService) {}

  @MessagePattern(OPERATIONAL_EVENTS_SUBJECTS_V1.getWebhook)
  getWebhook(@Payload() command: OperationalWebhookRefCommand): Promise<OperationalWebhookView> {
    return this.service.getWebhook(command);
  }

  @MessagePattern(OPERATIONAL_EVENTS_SUBJECTS_V1.putWebhook)
  putWebhook(@Payload() command: PutOperationalWebhookCommand): Promise<OperationalWebhookView> {
    return this.service.putWebhook(command);
  }

  @MessagePattern(OPERATIONAL_EVENTS_SUBJECTS_V1.deleteWebhook)
  deleteWebhook(@Payload() command: OperationalWebhookRefCommand): Promise<{ deleted: true }> {
    return this.service.deleteWebhook(command);
  }

  @MessagePattern(OPERATIONAL_EVENTS_SUBJECTS_V1.listEvents)
  listEvents(@Payload() command: ListOperationalEventsCommand): Promise<OperationalEventPageView> {
    return this.service.listEvents(command);
  }
}
