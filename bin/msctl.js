#!/usr/bin/env node
import module from 'node:module';
import { startOrExit } from './node-version.js';

// Cached compiled code makes every later start cheaper; absent on old Node, which startOrExit refuses anyway.
module.enableCompileCache?.();
startOrExit('msctl', process.argv.slice(2));
const { main } = await import('../dist/bundle/msctl.js');
await main(process.argv.slice(2));
