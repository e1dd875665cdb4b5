import 'reflect-metadata';
import { runService } from '@hookrelay/messaging';
import { WebhooksAppModule } from './app.module';
import { WebhooksEnv } from './config/webhooks.env';

runService('webhooks', WebhooksEnv, (env) => WebhooksAppModule.forRoot(env));
