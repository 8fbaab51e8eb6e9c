// Size limits the cloud database enforces, with the cloud's codes:
//  - a document may not exceed 16 MB (MongoDB's BSON limit, which CloudBase's document
//    database inherits): DATABASE_REQUEST_FAILED with MongoDB's "BSONObj size ... is invalid"
//    text (errors.ts mongoFailure). The emulator measures the document as JSON text (UTF-8 bytes), which is within a
//    few percent of its BSON size;
//  - a request body may not exceed 100 MB: EXCEED_MAX_PAYLOAD_SIZE
//    (docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE: "The maximum request body
//    size limit for other requests is 100MB").
// Page size (100 by default, 1000 at most) is in operations.ts; the 30 s transaction lifetime
// in transactions.ts.

import { encodeDoc, type Doc } from './codec';
import { DbError, ErrorCodes, mongoFailure } from './errors';

export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 100 * 1024 * 1024;

export function checkDocumentSize<T extends Doc>(doc: T): T {
  const size = Buffer.byteLength(encodeDoc(doc), 'utf8');
  if (size > MAX_DOCUMENT_BYTES) {
    throw mongoFailure(
      'BSONObjectTooLarge',
      `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and 16793600(16MB)`,
    );
  }
  return doc;
}

export function requestTooLarge(): DbError {
  return new DbError(ErrorCodes.EXCEED_MAX_PAYLOAD_SIZE, `request body exceeds ${MAX_REQUEST_BYTES / 1024 / 1024} MB`);
}
