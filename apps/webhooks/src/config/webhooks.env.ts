import { CommonEnv } from '@hookrelay/config';

/** The webhooks service reads only the common variables (for now). */
export class WebhooksEnv extends CommonEnv {}
