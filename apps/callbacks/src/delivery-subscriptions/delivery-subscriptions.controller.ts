import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DELIVERY_SUBSCRIPTION_SUBJECTS_V1, ListPausedSubscriptionsCommand, PausedSubscriptionView, ResumedSubscriptionView, ResumeSubscriptionCommand,
} from '@hookrelay/contracts';
import { DeliverySubscriptionsService } from './delivery-subscriptions.service';

@Controller()
export class DeliverySubscriptionsController {
  constructor(private readonly service: DeliverySubscriptionsService) {}

  @MessagePattern(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.listPaused)
  listPaused(@Payload() command: ListPausedSubscriptionsCommand): Promise<PausedSubscriptionView[]> {
    return this.service.listPaused(command);
  }

  @MessagePattern(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.resume)
  resume(@Payload() command: ResumeSubscriptionCommand): Promise<ResumedSubscriptionView> {
    return this.service.resume(command);
  }
}
