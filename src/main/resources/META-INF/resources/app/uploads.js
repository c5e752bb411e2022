// File uploads straight to object storage: createUpload gives a presigned PUT (its Content-Type and
// Content-Length are part of the signature), the bytes go there with progress, completeUpload has
// the server check them and make the thumbnail. The file is then attached with sendMessage(fileIds).

import { requestShowingNotices } from './notices.js';
import { ApiError, NetworkError } from './graphql.js';

export class Uploads {
  constructor(session, state, ops) {
    this.request = requestShowingNotices(session, state);
    this.state = state;
    this.ops = ops;
  }

  /** Uploads one file; `onProgress(fraction)` as bytes go out. Resolves to the completed File. */
  async upload(file, channelId, onProgress) {
    const contentType = file.type || 'application/octet-stream';
    const { createUpload } = await this.request(this.ops.CREATE_UPLOAD, {
      input: { fileName: file.name, contentType, size: file.size, channelId },
    });
    await put(createUpload.uploadUrl, file, contentType, onProgress);
    const { completeUpload } = await this.request(this.ops.COMPLETE_UPLOAD, { id: createUpload.fileId });
    return completeUpload;
  }
}

/** fetch() cannot report upload progress; XMLHttpRequest can. The browser sets Content-Length itself. */
function put(url, file, contentType, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('Content-Type', contentType);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => (request.status < 300 ? resolve()
      : reject(new ApiError(`Storage refused the upload (${request.status})`, { code: 'BAD_USER_INPUT', field: 'file' }))));
    request.addEventListener('error', () => reject(new NetworkError()));
    request.send(file);
  });
}
