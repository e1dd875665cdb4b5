import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateEnvelopeCallbackCommand, ENVELOPE_CALLBACK_SUBJECTS_V1, EnvelopeCallbackView, ListEnvelopeCallbacksCommand,
  RemoveEnvelopeCallbackCommand,
} from '@hookrelay/contracts';
import { EnvelopeCallbacksService } from './envelope-callbacks.service';

@Controller()
export class EnvelopeCallbacksController {
  constructor(private readonly service: EnvelopeCallbacksService) {}

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.create)
  create(@Payload() command: CreateEnvelopeCallbackCommand): Promise<EnvelopeCallbackView> {
    return this.service.create(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.list)
  list(@Payload() command: ListEnvelopeCallbacksCommand): Promise<EnvelopeCallbackView[]> {
    return this.service.list(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.remove)
  remove(@Payload() command: RemoveEnvelopeCallbackCommand): Promise<{ removed: true }> {
    return this.service.remove(command);
  }
}
