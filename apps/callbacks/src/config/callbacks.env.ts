import { CommonEnv } from '@hookrelay/config';

/** The callbacks service reads only the common variables (for now). */
export class CallbacksEnv extends CommonEnv {}
