import type { Options } from 'tsup';
import { packageBuild } from '../../tsup.package';

const config: Options = packageBuild(import.meta.url);

export default config;
