import { DeliverySettingError } from '../lib/delivery-setting.error';

/** Runs `fn`, expecting a {@link DeliverySettingError}, and returns it so a spec can inspect it. */
export function catchDeliverySettingError(fn: () => unknown): DeliverySettingError {
  try {
    fn();
  } catch (error: unknown) {
    if (error instanceof DeliverySettingError) return error;
    throw error;
  }
  throw new Error('expected a DeliverySettingError, but nothing was thrown');
}
