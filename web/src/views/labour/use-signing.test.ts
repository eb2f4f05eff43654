import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import type { ContractSignature } from '@/api/types';
import { canSignWorkers, linkProblem, nameConfirmed, qrDataUrl, signedSides, textFileProblem } from './use-signing';

const vote = { total: 60, attendees: 50, votes_for: 40, votes_against: 5, voted_on: '2025-12-01', passed: true };
const signature = (side: 'worker' | 'employer', voided = false): ContractSignature => ({
  id: 1,
  side,
  signer_name: '张三',
  via: 'account',
  sha256: 'ab',
  address: '127.0.0.1',
  signed_at: '',
  void: voided,
  void_reason: '',
  text_version: 1,
});

describe('online signing', () => {
  it('counts the valid signatures only', () => {
    expect([...signedSides({ signatures: [signature('worker', true), signature('employer')] })]).toEqual(['employer']);
    expect(canSignWorkers({ state: 'congress', vote, signatures: [signature('worker', true)] })).toBe(true);
    expect(canSignWorkers({ state: 'congress', vote, signatures: [signature('worker')] })).toBe(false);
    expect(canSignWorkers({ state: 'congress', vote: { ...vote, passed: false }, signatures: [] })).toBe(false);
    expect(canSignWorkers({ state: 'signed', vote, signatures: [] })).toBe(false);
  });

  it('checks a text file by name and size', () => {
    expect(textFileProblem({ name: '合同.PDF', size: 1000 })).toBeNull();
    expect(textFileProblem({ name: '合同.docx', size: 1000 })).toBeNull();
    expect(textFileProblem({ name: '合同.doc', size: 1000 })).toBe('notPdfOrDocx');
    expect(textFileProblem({ name: '合同.pdf', size: 21 * 1024 * 1024 })).toBe('tooLarge');
  });

  it('tells a used or expired link from an unknown one', () => {
    expect(linkProblem(new ApiError(409, 'already_exists', '签署链接已使用', 'token'))).toBe('used');
    expect(linkProblem(new ApiError(404, 'not_found', '签署链接不存在'))).toBe('unknown');
    expect(linkProblem(new ApiError(0, 'network', ''))).toBe('failed');
  });

  it('confirms the signer by the name the link was issued to', () => {
    expect(nameConfirmed(' 王 五 ', '王五')).toBe(true);
    expect(nameConfirmed('王六', '王五')).toBe(false);
    expect(nameConfirmed('', '')).toBe(false);
  });

  it('draws the link as a PNG data: URL', async () => {
    expect(await qrDataUrl('https://gh.example.cn/sign/abc')).toMatch(/^data:image\/png;base64,/);
  });
});
