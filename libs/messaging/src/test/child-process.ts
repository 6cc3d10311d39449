import { startTsProcess, type TsProcess } from '@spn/testing';

/** Runs the relay or consumer process (`processes/pipeline-process.ts`) with this environment. */
export function spawnPipelineProcess(env: Record<string, string>): TsProcess {
  return startTsProcess('libs/messaging/src/test/processes/pipeline-process.ts', env);
}
