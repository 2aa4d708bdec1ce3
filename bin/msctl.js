#!/usr/bin/env node
import { assertSupportedNode } from './node-version.js';

assertSupportedNode('msctl');
const { main } = await import('../dist/cli/msctl.js');
await main(process.argv.slice(2));
