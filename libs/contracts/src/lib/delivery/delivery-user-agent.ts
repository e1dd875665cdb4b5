/**
 * The `User-Agent` of every delivery attempt. It is part of the contract between the delivery engine, which
 * sends it, and the gateway, which refuses requests carrying it (with a Standard Webhooks id) on its accept
 * endpoints: a webhook pointed at Hookrelay's own events endpoint must fail at once, not loop forever.
 */
export const DELIVERY_USER_AGENT = 'hookrelay-delivery';
