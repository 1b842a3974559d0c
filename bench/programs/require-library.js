'use strict';
// Import cost: only require the library (lib/index.js), then report.
const common = require('./common');

require(common.LIB_MAIN);
common.phase('require');
common.report();
