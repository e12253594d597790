import { coreClientContender } from './contenders/core-client-contender';
import { coreDecoderContender } from './contenders/core-decoder-contender';
import { coreSseDecoderContender } from './contenders/core-sse-decoder-contender';
import { eventsourceParserContender } from './contenders/eventsource-parser-contender';
import { floorContender } from './contenders/floor-contender';
import { createLangChainOpenRouterContender } from './contenders/langchain-openrouter-contender';
import { officialAiSdkContender } from './contenders/official-ai-sdk-contender';
import { ourAiSdkContender } from './contenders/our-ai-sdk-contender';
import { createOurLangChainContender } from './contenders/our-langchain-contender';
import { textDecoderContender } from './contenders/text-decoder-contender';
import { webStreamsParserContender } from './contenders/web-streams-parser-contender';
import type { DecodeContender } from './decode-contender';

/** Every contender of the decoding suite, in table order. */
export const decodeContenders: readonly DecodeContender[] = [
  floorContender,
  textDecoderContender,
  coreSseDecoderContender,
  eventsourceParserContender,
  webStreamsParserContender,
  coreDecoderContender,
  coreClientContender,
  ourAiSdkContender,
  officialAiSdkContender,
  createOurLangChainContender('immediate'),
  createLangChainOpenRouterContender('immediate'),
  createOurLangChainContender('macrotask'),
  createLangChainOpenRouterContender('macrotask'),
];

/** The contenders whose reads are paced one piece per macrotask (LangChain's read-ahead check). */
export const pacedContenderIds: readonly string[] = ['ours-langchain-paced', 'langchain-openrouter-paced'];
