// Every workflow the workers run; this file is the entry of the workflow bundle.
export { ping } from './ping.js';
export { certificateRotation } from './certificateRotation.js';
export { masterDataSync } from './masterDataSync.js';
export { serialBackfill } from './serialBackfill.js';
export { serialUpdates } from './serialUpdates.js';
export { directoryPull } from './directoryPull.js';
export { historyExport } from './historyExport.js';
