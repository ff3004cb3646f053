#!/usr/bin/env node
// npm run bench: every benchmark, each measured side by side against its floor in one run.
'use strict';
require('./validate');
require('./convert');
require('./peers');
require('./startup');
