/** The settings a {@link DeliverySettingError} can blame. */
export type DeliverySetting = 'signingSecret' | 'retrySchedule' | 'retryPolicy';

/**
 * Thrown when stored or configured delivery settings are unusable: a malformed `whsec_` secret, a bad
 * `CALLBACK_RETRY_SCHEDULE`, a retry policy out of range.
 *
 * `setting` lets a caller map it (a boot failure naming the env variable, a 400 on an API) without
 * parsing the message. Messages never echo secret material, so they are safe to log.
 */
export class DeliverySettingError extends Error {
  override readonly name = 'DeliverySettingError';

  constructor(
    readonly setting: DeliverySetting,
    message: string,
  ) {
    super(message);
  }
}
