import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CommonEnv, toInt } from '@hookrelay/config';

export class CallbacksEnv extends CommonEnv {
  /** Mailboxes whose compiled callback filters one process keeps in memory (least recently used ones are dropped). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ENVELOPE_FILTER_CACHE_MAILBOXES = 10_000;
}
