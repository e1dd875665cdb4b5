import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { EXEC_SUBJECT_V1, ExecCommand, ExecResult } from '@hookrelay/contracts';
import { ExecService } from './exec.service';

@Controller()
export class ExecController {
  constructor(private readonly service: ExecService) {}

  @MessagePattern(EXEC_SUBJECT_V1)
  exec(@Payload() command: ExecCommand): Promise<ExecResult> {
    return this.service.exec(command);
  }
}
