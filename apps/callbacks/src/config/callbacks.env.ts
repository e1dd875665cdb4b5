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

  /**
   * Most callbacks one mailbox may hold: every envelope event is delivered once per matching callback, so this
   * bounds the fan-out of one event (and of a 1,000-event batch) — the ingest quota counts events, not deliveries.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAX_CALLBACKS_PER_MAILBOX = 100;

  /** Bytes the (legacy, v1) envelope event stream CALLBACKS_ENVELOPE_EVENTS may hold; its oldest events go beyond. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 ** 4)
  ENVELOPE_STREAM_MAX_BYTES = 1024 ** 3;

  /** Seconds an envelope event may wait in CALLBACKS_ENVELOPE_EVENTS (at least its 120 s duplicate window). */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(365 * 86_400)
  ENVELOPE_STREAM_MAX_AGE_SECONDS = 7 * 86_400;
}
