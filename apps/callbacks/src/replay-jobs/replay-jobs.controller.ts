import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreatedReplayJobView, CreateReplayJobCommand, ListReplayJobsCommand, REPLAY_JOB_SUBJECTS_V1, ReplayJobByIdCommand, ReplayJobView,
} from '@hookrelay/contracts';
import { ReplayJobsService } from './replay-jobs.service';

@Controller()
export class ReplayJobsController {
  constructor(private readonly service: ReplayJobsService) {}

  @MessagePattern(REPLAY_JOB_SUBJECTS_V1.create)
  create(@Payload() command: CreateReplayJobCommand): Promise<CreatedReplayJobView> {
    return this.service.create(command);
  }

  @MessagePattern(REPLAY_JOB_SUBJECTS_V1.list)
  list(@Payload() command: ListReplayJobsCommand): Promise<ReplayJobView[]> {
    return this.service.list(command);
  }

  @MessagePattern(REPLAY_JOB_SUBJECTS_V1.get)
  get(@Payload() command: ReplayJobByIdCommand): Promise<ReplayJobView> {
    return this.service.get(command);
  }
}
