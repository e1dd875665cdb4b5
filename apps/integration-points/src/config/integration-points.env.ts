import { CommonEnv, toInt } from '@hookrelay/config';
import { StreamLimits } from '@hookrelay/contracts';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/**
 * The integration-points service: the common variables, plus the caps on the /exec request stream
 * (INTEGRATION_EXEC_REQUESTS_V2), which shares the JetStream store with the delivery jobs. When a cap is
 * reached /exec answers 503 with Retry-After; nothing else is affected.
 */
export class IntegrationPointsEnv extends CommonEnv {
  /** Bytes the stored /exec requests of all tenants may take together. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1024 ** 4)
  EXEC_STREAM_MAX_BYTES = 1024 ** 3;

  /** A stored /exec request no handler took within this many seconds is dropped (at least the 120 s duplicate window). */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(365 * 86_400)
  EXEC_STREAM_MAX_AGE_SECONDS = 7 * 86_400;

  /** Stored requests per channel handler subject (tenant + recv_svcscriptcode); 0 = no per-subject cap. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  EXEC_STREAM_MAX_MSGS_PER_SUBJECT = 10_000;
}

export function execStreamLimitsFrom(env: IntegrationPointsEnv): StreamLimits {
  return {
    maxBytes: env.EXEC_STREAM_MAX_BYTES,
    maxAgeSeconds: env.EXEC_STREAM_MAX_AGE_SECONDS,
    ...(env.EXEC_STREAM_MAX_MSGS_PER_SUBJECT > 0 ? { maxMsgsPerSubject: env.EXEC_STREAM_MAX_MSGS_PER_SUBJECT } : {}),
  };
}
