import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DELIVERY_STATS_SUBJECTS_V1, DeliveryStatsView, GetDeliveryStatsCommand } from '@hookrelay/contracts';
import { DeliveryStatsService } from './delivery-stats.service';

@Controller()
export class DeliveryStatsController {
  constructor(private readonly service: DeliveryStatsService) {}

  @MessagePattern(DELIVERY_STATS_SUBJECTS_V1.get)
  get(@Payload() command: GetDeliveryStatsCommand): Promise<DeliveryStatsView> {
    return this.service.get(command);
  }
}
