// Runs one reference parser in a worker on the chosen file and resolves with {method, rows, ms}.
window.runReference = (method) =>
  new Promise((resolve, reject) => {
    const worker = new Worker('./reference-worker.js', { type: 'module' });
    worker.onmessage = (event) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage({ method, file: document.querySelector('input').files[0] });
  });
