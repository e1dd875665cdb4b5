import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CALLBACK_LOG_SUBJECTS_V1, CallbackByIdCommand, CallbackView, ListCallbacksCommand } from '@hookrelay/contracts';
import { CallbackLogService } from './callback-log.service';

@Controller()
export class CallbackLogController {
  constructor(private readonly service: CallbackLogService) {}

  @MessagePattern(CALLBACK_LOG_SUBJECTS_V1.list)
  list(@Payload() command: ListCallbacksCommand): Promise<CallbackView[]> {
    return this.service.list(command);
  }

  @MessagePattern(CALLBACK_LOG_SUBJECTS_V1.get)
  get(@Payload() command: CallbackByIdCommand): Promise<CallbackView> {
    return this.service.get(command);
  }

  @MessagePattern(CALLBACK_LOG_SUBJECTS_V1.recall)
  recall(@Payload() command: CallbackByIdCommand): Promise<{ recalled: true }> {
    return this.service.recall(command);
  }
}
