import 'reflect-metadata';
import { runService } from '@hookrelay/messaging';
import { IntegrationPointsAppModule } from './app.module';
import { IntegrationPointsEnv } from './config/integration-points.env';

runService('integration-points', IntegrationPointsEnv, (env) => IntegrationPointsAppModule.forRoot(env));
