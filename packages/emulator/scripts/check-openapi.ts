// CI-only conformance check: `pnpm --filter @openrouter-adapters/emulator check:openapi [openapi.yaml]`
// (after `pnpm build`; run by .ci/run, not by `pnpm test`). Drives a representative set of requests
// (every endpoint, streamed and not, tools, reasoning, images, errors, every scenario) against the
// built emulator and validates every response body and every stream chunk against the matching
// schema of OpenRouter's official OpenAPI document, with the extensions NOTES.md documents.
import { fileURLToPath } from 'node:url';
import { chatCases, endpointCases } from './openapi/conformance-cases.ts';
import { PayloadChecker } from './openapi/payload-checker.ts';
import { SpecValidators } from './openapi/spec-validators.ts';

// The built package (run `pnpm build` first); typed from the source so typechecking needs no build.
const { startEmulator } = (await import(
  new URL('../dist/index.js', import.meta.url).href
)) as typeof import('../src/index.ts');

const DEFAULT_SPEC = fileURLToPath(new URL('../../../../shared/openrouter/openapi.yaml', import.meta.url));

async function main(): Promise<void> {
  const validators = new SpecValidators(process.argv[2] ?? DEFAULT_SPEC);
  const checker = new PayloadChecker(validators);
  const keys = { auth: 'sk-or-v1-conformance', management: 'sk-or-v1-management', spent: 'sk-or-v1-spent' };
  const emulator = await startEmulator({
    apiKeys: [{ key: keys.auth }, { key: keys.spent, limit: 0 }],
    managementKeys: [keys.management],
  });
  try {
    for (const testCase of [...chatCases(), ...endpointCases(keys)])
      await checker.run(emulator.baseURL, testCase);
    // The generations of served requests (streamed, not, embeddings, fallbacks, cancelled).
    const served = emulator.requests.filter((request) => request.generationId && request.status === 200);
    for (const request of served.slice(0, 60)) {
      await checker.run(emulator.baseURL, {
        label: `generation of ${request.path} (${request.model})`,
        path: `/generation?id=${request.generationId}`,
        template: '/generation',
        headers: { authorization: `Bearer ${keys.auth}` },
      });
    }
    // A PKCE exchange that succeeds.
    const consent = await fetch(
      `${emulator.authURL}?callback_url=http://localhost/cb&code_challenge=plainchallenge&code_challenge_method=plain&emulator_auto_approve=1`,
      { redirect: 'manual' },
    );
    const code = new URL(consent.headers.get('location') ?? 'http://invalid').searchParams.get('code');
    await checker.run(emulator.baseURL, {
      label: 'auth keys exchange',
      path: '/auth/keys',
      template: '/auth/keys',
      body: { code, code_verifier: 'plainchallenge', code_challenge_method: 'plain' },
    });
  } finally {
    await emulator.close();
  }

  const { counts } = checker;
  console.log(`OpenAPI conformance against ${validators.specPath}`);
  console.log(`  requests:                ${counts.requests}`);
  console.log(`  response bodies checked: ${counts.bodies}`);
  console.log(`  stream chunks checked:   ${counts.chunks}`);
  console.log(`  extension payloads:      ${counts.extensionPayloads} (shapes the spec lacks, see NOTES.md)`);
  console.log(
    `  intentionally malformed: ${counts.intentionallyMalformed} (malformed-chunk / truncate / disconnect)`,
  );
  console.log('  by schema:');
  for (const [name, count] of [...checker.bySchema].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${String(count).padStart(5)}  ${name}`);
  }
  if (checker.failures.length > 0) {
    console.error(`\n${checker.failures.length} failure(s):`);
    for (const failure of checker.failures.slice(0, 50)) console.error(`  ✗ ${failure}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll payloads conform.');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
