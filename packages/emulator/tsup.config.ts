import { packageBuild } from '../../tsup.package';

export default packageBuild(import.meta.url, { entry: ['src/index.ts', 'src/cli.ts'], platform: 'node' });
