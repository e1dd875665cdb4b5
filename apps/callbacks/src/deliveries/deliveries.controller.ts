import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DELIVERY_LOG_SUBJECTS_V1, DeliveryByIdCommand, DeliveryDetailView, DeliveryLogPage, ListDeliveriesCommand, ReplayedDeliveryView } from '@hookrelay/contracts';
import { DeliveriesService } from './deliveries.service';

@Controller()
export class DeliveriesController {
  constructor(private readonly service: DeliveriesService) {}

  @MessagePattern(DELIVERY_LOG_SUBJECTS_V1.list)
  list(@Payload() command: ListDeliveriesCommand): Promise<DeliveryLogPage> {
    return this.service.list(command);
  }

  @MessagePattern(DELIVERY_LOG_SUBJECTS_V1.get)
  get(@Payload() command: DeliveryByIdCommand): Promise<DeliveryDetailView> {
    return this.service.get(command);
  }

  @MessagePattern(DELIVERY_LOG_SUBJECTS_V1.replay)
  replay(@Payload() command: DeliveryByIdCommand): Promise<ReplayedDeliveryView> {
    return this.service.replay(command);
  }
}
