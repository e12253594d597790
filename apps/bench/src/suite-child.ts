// One suite in its own process: `node --expose-gc --import tsx src/suite-child.ts <suite> <mode> <out.json>`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSuiteName, type SuiteMode, type SuiteName } from './harness/suite-paths';

const log = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

async function runSuite(suite: SuiteName, mode: SuiteMode): Promise<unknown> {
  switch (suite) {
    case 'decode': {
      const { runDecodeSuite, fullDecodeSettings, smokeDecodeSettings } = await import(
        './decode/run-decode-suite'
      );
      return runDecodeSuite(mode === 'full' ? fullDecodeSettings : smokeDecodeSettings, log);
    }
    case 'gateway': {
      const { runGatewaySuite, fullGatewaySettings, smokeGatewaySettings } = await import(
        './gateway/run-gateway-suite'
      );
      return runGatewaySuite(mode === 'full' ? fullGatewaySettings : smokeGatewaySettings, log);
    }
    case 'streams': {
      const { runStreamsSuite, fullStreamsSettings, smokeStreamsSettings } = await import(
        './streams/run-streams-suite'
      );
      return runStreamsSuite(mode === 'full' ? fullStreamsSettings : smokeStreamsSettings, log);
    }
    case 'size': {
      const { runSizeSuite, fullSizeSettings, smokeSizeSettings } = await import('./size/run-size-suite');
      return runSizeSuite(mode === 'full' ? fullSizeSettings : smokeSizeSettings, log);
    }
  }
}

const [suite, mode, output] = process.argv.slice(2);
if (!isSuiteName(suite) || (mode !== 'full' && mode !== 'smoke') || output === undefined) {
  throw new Error('usage: suite-child.ts <decode|gateway|streams|size> <full|smoke> <out.json>');
}
log(`[${suite}] ${mode} run, Node ${process.version}, pid ${process.pid}`);
const startedAt = new Date();
const result = await runSuite(suite, mode);
const finishedAt = new Date();
await mkdir(dirname(output), { recursive: true });
await writeFile(
  output,
  `${JSON.stringify({ ...(result as object), mode, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString() }, null, 2)}\n`,
);
log(`[${suite}] done in ${((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1)} s → ${output}`);
