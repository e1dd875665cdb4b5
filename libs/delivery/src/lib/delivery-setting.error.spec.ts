import { DeliverySettingError } from './delivery-setting.error';

describe('DeliverySettingError', () => {
  it('names the setting and keeps the message', () => {
    const error = new DeliverySettingError('retrySchedule', 'invalid retry schedule: x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DeliverySettingError');
    expect(error.setting).toBe('retrySchedule');
    expect(error.message).toBe('invalid retry schedule: x');
  });
});
