import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CHANNEL_SEND_SUBJECT_V1, ChannelSendResult, SendThroughChannelCommand } from '@hookrelay/contracts';
import { ChannelSenderService } from './channel-sender.service';

/** For internal producers only: the gateway exposes no route to it. */
@Controller()
export class ChannelSenderController {
  constructor(private readonly sender: ChannelSenderService) {}

  @MessagePattern(CHANNEL_SEND_SUBJECT_V1)
  send(@Payload() command: SendThroughChannelCommand): Promise<ChannelSendResult> {
    return this.sender.send(command);
  }
}
