// Entry of dist/stepHelper.js: the second thread of a lone wide run (the core's runStepHelper on the shared memory).
import { workerData } from 'node:worker_threads';
import { runStepHelper, type HelperJob } from '../core/engine/tiledThreads';

runStepHelper(workerData as HelperJob);
