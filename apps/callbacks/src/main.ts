import 'reflect-metadata';
import { runService } from '@hookrelay/messaging';
import { CallbacksAppModule } from './app.module';
import { CallbacksEnv } from './config/callbacks.env';

runService('callbacks', CallbacksEnv, (env) => CallbacksAppModule.forRoot(env));
