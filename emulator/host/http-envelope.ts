import type { ServerResponse } from 'node:http';
import { InvocationError } from './invocation-error';

/** Success body as wx.cloud.callFunction resolves it. */
export interface CallFunctionSuccess {
  errMsg: 'cloud.callFunction:ok';
  result: unknown;
  requestID: string;
}

/** Failure body: wx.cloud.callFunction's errCode/errMsg, plus a readable `code`. */
export interface CallFunctionFailure {
  errCode: number;
  errMsg: string;
  code: string;
  requestID?: string;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendSuccess(res: ServerResponse, result: unknown, requestId: string): void {
  const body: CallFunctionSuccess = { errMsg: 'cloud.callFunction:ok', result, requestID: requestId };
  sendJson(res, 200, body);
}

export function failureOf(error: unknown): { status: number; body: CallFunctionFailure } {
  const known = error instanceof InvocationError ? error : new InvocationError('FUNCTION_FAILED', `host error: ${(error as Error)?.message ?? String(error)}`);
  const body: CallFunctionFailure = {
    errCode: known.errCode,
    errMsg: `cloud.callFunction:fail errCode: ${known.errCode} | errMsg: ${known.message}`,
    code: known.code,
    ...(known.requestId ? { requestID: known.requestId } : {}),
  };
  return { status: known.httpStatus, body };
}

export function sendFailure(res: ServerResponse, error: unknown): void {
  const { status, body } = failureOf(error);
  // After a refused oversized body the rest of the upload is unread: close rather than reuse.
  if (status === 413) res.setHeader('connection', 'close');
  sendJson(res, status, body);
}
