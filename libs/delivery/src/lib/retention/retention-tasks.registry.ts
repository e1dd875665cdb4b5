import type { RetentionTask } from './retention-task.types';

/**
 * The retention tasks services add for their own tables (the delivery engine's are built in): a service
 * registers one at start (`onModuleInit`), and the delivery module's runner sweeps it with the others, each
 * under its own lease. A service never needs the delivery tables or the lease table for that.
 */
export class RetentionTasks {
  private readonly tasks: RetentionTask[] = [];

  add(task: RetentionTask): void {
    if (this.tasks.some((t) => t.name === task.name)) throw new Error(`retention task ${task.name} is registered twice`);
    this.tasks.push(task);
  }

  list(): readonly RetentionTask[] {
    return this.tasks;
  }
}
