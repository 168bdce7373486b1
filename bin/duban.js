#!/usr/bin/env node
// The `duban` command. The sources are TypeScript run through tsx, so the
// CLI needs no build step and always matches the checked-out code.
import { register } from 'tsx/esm/api';

register();
await import('../client/cli.ts');
