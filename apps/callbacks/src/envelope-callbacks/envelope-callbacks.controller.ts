import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateEnvelopeCallbackCommand, CreatedEnvelopeCallbackView, ENVELOPE_CALLBACK_SUBJECTS_V1, EnvelopeCallbackPayload, EnvelopeCallbackRefCommand,
  EnvelopeCallbackSecretView, EnvelopeCallbackTestCommand, EnvelopeCallbackView, EnvelopeCheckResultView, EnvelopeSendResultView,
  ListEnvelopeCallbacksCommand, RemoveEnvelopeCallbackCommand, SampleEnvelopePayloadCommand,
} from '@hookrelay/contracts';
import { EnvelopeCallbackTestsService } from './envelope-callback-tests.service';
import { EnvelopeCallbacksService } from './envelope-callbacks.service';

@Controller()
export class EnvelopeCallbacksController {
  constructor(
    private readonly service: EnvelopeCallbacksService,
    private readonly tests: EnvelopeCallbackTestsService,
  ) {}

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.create)
  create(@Payload() command: CreateEnvelopeCallbackCommand): Promise<CreatedEnvelopeCallbackView> {
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

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.getSecret)
  secret(@Payload() command: EnvelopeCallbackRefCommand): Promise<EnvelopeCallbackSecretView> {
    return this.service.secret(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.rotateSecret)
  rotateSecret(@Payload() command: EnvelopeCallbackRefCommand): Promise<EnvelopeCallbackSecretView> {
    return this.service.rotateSecret(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.check)
  check(@Payload() command: EnvelopeCallbackTestCommand): Promise<EnvelopeCheckResultView> {
    return this.tests.check(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.send)
  send(@Payload() command: EnvelopeCallbackTestCommand): Promise<EnvelopeSendResultView> {
    return this.tests.send(command);
  }

  @MessagePattern(ENVELOPE_CALLBACK_SUBJECTS_V1.samplePayload)
  samplePayload(@Payload() _command: SampleEnvelopePayloadCommand): EnvelopeCallbackPayload {
    return this.tests.samplePayload();
  }
}
