import { DynamicModule, Module } from '@nestjs/common';
import { ConsoleController } from './console.controller';
import { consoleDirFrom } from './console-dir.util';
import { ConsoleFiles } from './console-files';

/** Serves the console's static build from CONSOLE_DIR (default: dist/apps/console beside the built gateway). */
@Module({})
export class ConsoleModule {
  static forRoot(consoleDir: string | undefined): DynamicModule {
    return {
      module: ConsoleModule,
      controllers: [ConsoleController],
      providers: [{ provide: ConsoleFiles, useValue: new ConsoleFiles(consoleDirFrom(consoleDir)) }],
    };
  }
}
