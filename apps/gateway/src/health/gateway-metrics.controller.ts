import { Controller } from '@nestjs/common';
import { MetricsController } from '@hookrelay/messaging';
import { Public } from '../auth/principal';

/** The gateway's Prometheus endpoint: public like the health probes (restrict it at the ingress). */
@Public()
@Controller('metrics')
export class GatewayMetricsController extends MetricsController {}
