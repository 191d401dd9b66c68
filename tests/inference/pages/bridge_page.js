// Instantiates the bridge test program; the test then calls its exported bridge_* functions.
'use strict';
window.addEventListener('DOMContentLoaded', async () => {
  window.bridge = await window.createBridgeTest({ locateFile: (file) => '/bridge/' + file });
});
