import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ENVELOPE_EVENT_SUBJECTS_V1, PublishedEnvelopeEvents, PublishEnvelopeEventsCommand } from '@hookrelay/contracts';
import { EnvelopeEventsService } from './envelope-events.service';

@Controller()
export class EnvelopeEventsController {
  constructor(private readonly service: EnvelopeEventsService) {}

  @MessagePattern(ENVELOPE_EVENT_SUBJECTS_V1.publish)
  publish(@Payload() command: PublishEnvelopeEventsCommand): Promise<PublishedEnvelopeEvents> {
    return this.service.publish(command);
  }
}
