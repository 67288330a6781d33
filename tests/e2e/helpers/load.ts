/**
 * A busy machine for tests about timing: child processes that keep CPU cores busy while a test
 * runs, as another test suite or a build beside the app would.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CpuLoad {
  /** Ends the processes and resolves once they are gone. */
  stop(): Promise<void>;
}

/**
 * Starts `count` processes that each spin a core (`node -e "for(;;){}"`). Each also ends itself
 * after `maxSeconds`, so one can never outlive a test runner that was killed before `stop`.
 */
export function burnCpu(count: number, { maxSeconds = 300 }: { maxSeconds?: number } = {}): CpuLoad {
  const spin = `const end = Date.now() + ${maxSeconds * 1000}; for (;;) if (Date.now() > end) process.exit(0);`;
  const children: ChildProcess[] = [];
  const killAll = (): void => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killAll);
  for (let i = 0; i < count; i += 1) children.push(spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
  return {
    stop: async () => {
      process.removeListener('exit', killAll);
      const exited = children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) done();
            else child.once('exit', () => done());
          }),
      );
      killAll();
      await Promise.all(exited);
    },
  };
}
