'use strict';
// Baseline: a Node process that does nothing but report (Node's own startup cost and memory).
const common = require('./common');

common.phase('require');
common.report();
