/** The three headers of a Standard Webhooks delivery (names in lower case, as sent). */
export interface StandardWebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** One stored secret of a subscription. `expiresAt: null` marks the current one. */
export interface SigningSecretEntry {
  readonly secret: string;
  readonly expiresAt: Date | null;
}
