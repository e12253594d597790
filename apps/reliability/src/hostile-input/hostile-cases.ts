import { bodyCases } from './body-cases';
import type { HostileCase } from './hostile-request';
import { modelCases } from './model-cases';
import { protocolCases } from './protocol-cases';
import { upstreamCases } from './upstream-cases';

export { type HostileContext, hostileLimits } from './hostile-request';

/** Every hostile request of the suite with its documented outcome, in one list. */
export const hostileCases: HostileCase[] = [...bodyCases, ...modelCases, ...upstreamCases, ...protocolCases];
