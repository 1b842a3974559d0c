'use strict';
// Import cost baseline: only require cdk8s (which the library itself requires), then report.
const common = require('./common');

require('cdk8s');
common.phase('require');
common.report();
