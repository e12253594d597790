// Imported first by main.tsx, so it runs before any module that builds zod schemas. The page's
// CSP forbids eval: tell zod (used by the AI SDK to validate stream chunks) not to probe for it,
// which would log a CSP violation in the console.
import { config } from 'zod';

config({ jitless: true });
