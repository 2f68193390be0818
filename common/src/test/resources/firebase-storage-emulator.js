// The Firebase Storage emulator of firebase-tools, started without its CLI on a free loopback port.
// The CLI first downloads a Java runtime for Firebase security rules, which only the Firebase (v0) API
// evaluates; the Cloud Storage JSON API (/storage/v1, /upload/storage/v1, /download/storage/v1 and the
// path-style /<bucket>/<object> of signed URLs) goes through the emulator's admin layer, without rules.
//
// Usage: node firebase-storage-emulator.js <node_modules folder>   (prints "PORT <n>" once listening;
// objects are kept under $TMPDIR/firebase/storage)
'use strict';
const path = require('path');
const modules = process.argv[2];
const lib = (file) => require(path.join(modules, 'firebase-tools/lib', file));
const express = require(path.join(modules, 'express'));
const { StorageEmulator } = lib('emulator/storage');
const { createApp } = lib('emulator/storage/server');
const { EmulatorRegistry } = lib('emulator/registry');
const { CloudStorageObjectMetadata } = lib('emulator/storage/metadata');
const { NotFoundError } = lib('emulator/storage/errors');

const emulator = new StorageEmulator({ projectId: 'demo-parley', host: '127.0.0.1', port: 0 });

// The emulator finishes a resumable upload at its first PUT, whatever that PUT's Content-Range says.
// Cloud Storage keeps the session open and answers 308 (with the Range it holds) until the declared
// total has arrived. This route does the same, so a client uploading in chunks can be tested here; an
// upload PUT without Content-Range, and every other request, is left to the emulator.
function resumableChunk(req, res, next) {
  const range = /^bytes (?:\*|(\d+)-(\d+))\/(\*|\d+)$/.exec(req.header('content-range') || '');
  if (!req.query.upload_id || !range) {
    next();
    return;
  }
  const parts = [];
  req.on('data', (part) => parts.push(part));
  req.on('end', async () => {
    try {
      const id = req.query.upload_id.toString();
      let upload = emulator.uploadService.getResumableUpload(id);
      const data = Buffer.concat(parts);
      if (range[1] !== undefined && Number(range[1]) !== upload.size) {
        res.status(400).send(`chunk starts at ${range[1]}, the upload holds ${upload.size} bytes`);
        return;
      }
      if (data.length > 0) {
        upload = emulator.uploadService.continueResumableUpload(id, data);
      }
      if (range[3] !== '*' && upload.size === Number(range[3])) {
        upload = emulator.uploadService.finalizeResumableUpload(id);
        const metadata = await emulator.adminStorageLayer.uploadObject(upload);
        res.json(new CloudStorageObjectMetadata(metadata));
        return;
      }
      if (upload.size > 0) {
        res.set('Range', `bytes=0-${upload.size - 1}`);
      }
      res.status(308).end();
    } catch (e) {
      res.status(e instanceof NotFoundError ? 404 : 400).send(String(e));
    }
  });
}

createApp('demo-parley', emulator).then((app) => {
  const server = express();
  server.put('/upload/storage/v1/b/:bucketId/o', resumableChunk);
  server.use(app);
  const listening = server.listen(0, '127.0.0.1', () => {
    // the emulator builds its links (bucket and object metadata) from its registered address
    emulator.args.port = listening.address().port;
    EmulatorRegistry.INSTANCES.set('storage', emulator);
    console.log('PORT ' + listening.address().port);
  });
}).catch((e) => {
  console.error(e);
  process.exit(1);
});
