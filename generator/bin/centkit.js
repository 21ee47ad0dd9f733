#!/usr/bin/env node
// ts-morph's large CommonJS sources compile through a V8 code cache (see src/cli/code-cache.ts).
import { enableCodeCache } from '../dist/cli/code-cache.js';

enableCodeCache();
await import('../dist/cli/main.js');
