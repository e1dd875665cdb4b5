import { CommonEnv } from '@hookrelay/config';

/** The integration-points service reads only the common variables (for now). */
export class IntegrationPointsEnv extends CommonEnv {}
