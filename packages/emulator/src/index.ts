// @openrouter-adapters/emulator: a local OpenRouter-compatible server for tests, demos and CI.
export type {
  Catalogue,
  CatalogueModel,
  CataloguePercentiles,
  CataloguePricing,
  CatalogueProvider,
  CatalogueReasoning,
  ReasoningFormat,
} from './catalogue/catalogue-types';
export { defaultCatalogue } from './catalogue/default-catalogue';
export { type BuiltInModelId, MODEL_IDS } from './catalogue/model-ids';
export { KEEP_ALIVE_COMMENT } from './chat/serve-reply';
export { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenarios/scenario-catalogue';
export type {
  Emulator,
  EmulatorApiKey,
  EmulatorOptions,
  LatencyOption,
  RecordedRequest,
  WaitForOptions,
} from './server/emulator-types';
export { startEmulator } from './server/start-emulator';
