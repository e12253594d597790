import { memoryStore } from './memory-store';
import { describeStoreConformance } from './store-conformance';

describeStoreConformance('memoryStore()', async () => memoryStore());
