import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  DELIVERY_SUBSCRIPTION_SUBJECTS_V1, ListPausedSubscriptionsCommand, ListSubscriptionsCommand, PausedSubscriptionView, ResumedSubscriptionView,
  ResumeSubscriptionCommand, SubscriptionPageView, SubscriptionRefCommand,
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

  @MessagePattern(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.list)
  list(@Payload() command: ListSubscriptionsCommand): Promise<SubscriptionPageView> {
    return this.service.list(command);
  }

  @MessagePattern(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.pause)
  pause(@Payload() command: SubscriptionRefCommand): Promise<{ paused: true }> {
    return this.service.pause(command);
  }

  @MessagePattern(DELIVERY_SUBSCRIPTION_SUBJECTS_V1.rotateSecret)
  rotateSecret(@Payload() command: SubscriptionRefCommand): Promise<{ signing_secret: string }> {
    return this.service.rotateSecret(command);
  }
}
