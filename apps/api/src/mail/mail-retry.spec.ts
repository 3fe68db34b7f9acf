import { loadConfig } from '../config/app-config';
import { MAIL_RETRY, MAIL_SMTP_TIMEOUTS, retryDelaySeconds } from './mail-retry';

describe('retryDelaySeconds', () => {
  it('doubles from 30 s up to an hour, then gives up after the last attempt', () => {
    const delays = Array.from({ length: MAIL_RETRY.maxAttempts }, (_, i) =>
      retryDelaySeconds(i + 1),
    );
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, undefined]);
  });

  it('keeps a claim, by default, long enough for the slowest send the SMTP timeouts allow', () => {
    const { leaseSeconds } = loadConfig({ DATABASE_URL: 'postgresql://localhost/atergang' }).mail;
    const slowest =
      MAIL_SMTP_TIMEOUTS.connectionTimeout +
      MAIL_SMTP_TIMEOUTS.greetingTimeout +
      MAIL_SMTP_TIMEOUTS.socketTimeout;
    expect(leaseSeconds * 1000).toBeGreaterThan(slowest);
  });
});
