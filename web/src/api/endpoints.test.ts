// What the news, bulletin, search, childcare, statistics, campaign, competition and labour clients send: method, URL (path and query) and body.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addBulletinEntry, bulletinExportUrl, getBulletin, getBulletinHtml, publishBulletin, updateBulletin } from './bulletins';
import { getCampaign, listCampaigns } from './campaigns';
import {
  deleteClass,
  enrol,
  listClasses,
  putAttendance,
  returnEvaluation,
  reviewEvaluation,
  submitEvaluation,
  updateInspection,
  withdrawEnrolment,
} from './childcare';
import {
  competitionRankingXlsxUrl,
  createCompetition,
  createEntry,
  deleteEntry,
  getCompetitionRanking,
  listCompetitions,
  listAllEntries,
  listEntries,
  qualify,
  recordResults,
  updateCompetition,
  updateEntry,
} from './competitions';
import { setCsrfToken } from './http';
import {
  contractStep,
  createSignLink,
  getRates,
  getRateUnits,
  mediationStep,
  putNegotiators,
  signContract,
  signPublic,
  uploadTextFile,
  verifyFile,
} from './labour';
import { adoptNews, declineNews, getRanking, listNews, rankingXlsxUrl, returnNews, submitNews } from './news';
import { search } from './search';
import { getChildcareStats, getProgrammeStats } from './stats';

const fetchMock = vi.fn<typeof fetch>();

/** [method, url, parsed JSON body or undefined] of the nth call. */
function sent(n = 0): [string | undefined, string, unknown] {
  const [url, init] = fetchMock.mock.calls[n]!;
  const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  return [init?.method, String(url), body];
}

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken('tok');
  fetchMock.mockImplementation(() => Promise.resolve(new Response('{}', { status: 200 })));
});

afterEach(() => {
  fetchMock.mockReset();
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('news client', () => {
  it('asks for the review queue and filtered lists', async () => {
    await listNews({ state: 'pending', page: 1, page_size: 20 });
    expect(sent()).toEqual(['GET', '/api/v1/news?state=pending&page=1&page_size=20', undefined]);
    await listNews({ state: 'returned', from: '2024-05-01', to: '', q: undefined });
    expect(sent(1)[1]).toBe('/api/v1/news?state=returned&from=2024-05-01');
  });

  it('posts the transitions with their bodies', async () => {
    await submitNews(5);
    expect(sent()).toEqual(['POST', '/api/v1/news/5/submit', undefined]);
    await returnNews(5, '请补充参与人数');
    expect(sent(1)).toEqual(['POST', '/api/v1/news/5/return', { comment: '请补充参与人数' }]);
    await adoptNews(5, { bulletin_id: 3, section: '基层动态' });
    expect(sent(2)).toEqual(['POST', '/api/v1/news/5/adopt', { bulletin_id: 3, section: '基层动态' }]);
    await declineNews(5);
    expect(sent(3)).toEqual(['POST', '/api/v1/news/5/decline', {}]);
    await declineNews(5, '内容重复');
    expect(sent(4)[2]).toEqual({ comment: '内容重复' });
  });

  it('builds the ranking query and its workbook link', async () => {
    await getRanking({ period: '2024-05', axis: 'industry', org_id: 12 });
    expect(sent()[1]).toBe('/api/v1/news/ranking?period=2024-05&axis=industry&org_id=12');
    expect(rankingXlsxUrl({ period: '2024' })).toBe('/api/v1/news/ranking?period=2024&format=xlsx');
  });
});

describe('bulletin client', () => {
  it('reads the working copy or a frozen version', async () => {
    await getBulletin(3);
    expect(sent()[1]).toBe('/api/v1/bulletins/3');
    await getBulletin(3, 2);
    expect(sent(1)[1]).toBe('/api/v1/bulletins/3?version=2');
  });

  it('patches the ordered entries, adds a drafted brief and publishes', async () => {
    await updateBulletin(3, { entries: [{ id: 40, section: '要闻', title: 'a', body: 'b' }] });
    expect(sent()).toEqual(['PATCH', '/api/v1/bulletins/3', { entries: [{ id: 40, section: '要闻', title: 'a', body: 'b' }] }]);
    await addBulletinEntry(3, { section: '基层动态', activity_id: 9 });
    expect(sent(1)).toEqual(['POST', '/api/v1/bulletins/3/entries', { section: '基层动态', activity_id: 9 }]);
    await publishBulletin(3);
    expect(sent(2)).toEqual(['POST', '/api/v1/bulletins/3/publish', undefined]);
    expect((fetchMock.mock.calls[2]![1]?.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok');
  });

  it('links the exports of a version, the working copy or the latest published', () => {
    expect(bulletinExportUrl(3, 'pdf', 2)).toBe('/api/v1/bulletins/3/export?format=pdf&version=2');
    expect(bulletinExportUrl(3, 'html', 'draft')).toBe('/api/v1/bulletins/3/export?format=html&version=draft');
    expect(bulletinExportUrl(3, 'docx')).toBe('/api/v1/bulletins/3/export?format=docx');
  });

  it('fetches the HTML export as text for the preview', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<h1>一周动态</h1>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    await expect(getBulletinHtml(3, 'draft')).resolves.toBe('<h1>一周动态</h1>');
    expect(sent()[1]).toBe('/api/v1/bulletins/3/export?format=html&version=draft');
  });
});

describe('search client', () => {
  it('sends the words, the kind and the page', async () => {
    await search({ q: '爱心 托管', kind: 'news', page: 2, page_size: 10 });
    expect(sent()[1]).toBe(`/api/v1/search?q=${encodeURIComponent('爱心 托管').replace(/%20/g, '+')}&kind=news&page=2&page_size=10`);
  });
});

describe('childcare client', () => {
  it('lists classes with the filters given', async () => {
    await listClasses({ org_id: 12, grade: 'municipal,national', term: 'summer', q: '' });
    expect(sent()).toEqual(['GET', '/api/v1/childcare/classes?org_id=12&grade=municipal%2Cnational&term=summer', undefined]);
  });

  it('posts enrolments, withdrawals and the day roll', async () => {
    await enrol(7, { member_id: 3, child_name: '张小三', waitlist: true });
    expect(sent()).toEqual(['POST', '/api/v1/childcare/classes/7/enrolments', { member_id: 3, child_name: '张小三', waitlist: true }]);
    await withdrawEnrolment(7, 31);
    expect(sent(1)).toEqual(['POST', '/api/v1/childcare/classes/7/enrolments/31/withdraw', undefined]);
    await putAttendance(7, '2024-07-20', [31, 32]);
    expect(sent(2)).toEqual(['PUT', '/api/v1/childcare/classes/7/attendance/2024-07-20', { present: [31, 32] }]);
  });

  it('posts the evaluation steps', async () => {
    await submitEvaluation(3);
    expect(sent()).toEqual(['POST', '/api/v1/childcare/evaluations/3/submit', undefined]);
    await reviewEvaluation(3, { scores: [], grade: 'municipal', subsidy_fen: 5000000 });
    expect(sent(1)).toEqual(['POST', '/api/v1/childcare/evaluations/3/review', { scores: [], grade: 'municipal', subsidy_fen: 5000000 }]);
    await returnEvaluation(3, '补充材料');
    expect(sent(2)).toEqual(['POST', '/api/v1/childcare/evaluations/3/return', { comment: '补充材料' }]);
  });

  it('deletes a class and patches an inspection', async () => {
    fetchMock.mockImplementationOnce(() => Promise.resolve(new Response(null, { status: 204 })));
    await deleteClass(7);
    expect(sent()).toEqual(['DELETE', '/api/v1/childcare/classes/7', undefined]);
    const body = { notes: '复查', findings: [{ id: 4, deadline: '2024-08-01' }, { description: '灭火器过期', deadline: '2024-08-10' }] };
    await updateInspection(9, body);
    expect(sent(1)).toEqual(['PATCH', '/api/v1/childcare/inspections/9', body]);
  });
});

describe('statistics client', () => {
  it('sends only the parameters each endpoint takes', async () => {
    await getChildcareStats({ org_id: 1, axis: 'industry', year: 2024 });
    expect(sent()[1]).toBe('/api/v1/stats/childcare?org_id=1&axis=industry');
    await getProgrammeStats({ org_id: 1, from: '2024-01-01', year: 2024 });
    expect(sent(1)[1]).toBe('/api/v1/stats/programmes?org_id=1&year=2024');
  });
});

describe('campaign client', () => {
  it('searches the campaigns reaching the caller and reads one', async () => {
    await listCampaigns({ q: '六一', year: 2024, page_size: 50 });
    expect(sent()[1]).toBe(`/api/v1/campaigns?q=${encodeURIComponent('六一')}&year=2024&page_size=50`);
    await getCampaign(1);
    expect(sent(1)).toEqual(['GET', '/api/v1/campaigns/1', undefined]);
  });
});

describe('competition client', () => {
  it('lists events with the filters given', async () => {
    await listCompetitions({ org_id: 412, kind: 'sports', level: undefined, year: 2024, q: '', page: 1, page_size: 20 });
    expect(sent()).toEqual(['GET', '/api/v1/competitions?org_id=412&kind=sports&year=2024&page=1&page_size=20', undefined]);
  });

  it('lists the entries behind the statistics figures', async () => {
    await listAllEntries({ org_id: 412, axis: 'territorial', year: 2024, awarded: false, own: true, page: 1 });
    expect(sent()[1]).toBe('/api/v1/competitions/entries?org_id=412&axis=territorial&year=2024&awarded=false&own=true&page=1');
  });

  it('creates and patches an event with its categories', async () => {
    const categories = [{ name: '男子单打', format: 'individual' as const, scoring: 'place' as const, qualify_top: 5 }];
    await createCompetition({ name: '乒乓球比赛', kind: 'sports', level: 'district', start_date: '2024-05-25', categories });
    expect(sent()).toEqual([
      'POST',
      '/api/v1/competitions',
      { name: '乒乓球比赛', kind: 'sports', level: 'district', start_date: '2024-05-25', categories },
    ]);
    await updateCompetition(3, { parent_id: null });
    expect(sent(1)).toEqual(['PATCH', '/api/v1/competitions/3', { parent_id: null }]);
  });

  it('lists, enters, edits and withdraws entries', async () => {
    await listEntries(3, { category_id: 7 });
    expect(sent()[1]).toBe('/api/v1/competitions/3/entries?category_id=7');
    await createEntry(3, { category_id: 7, member_id: 9, special_awards: ['新秀奖'] });
    expect(sent(1)).toEqual(['POST', '/api/v1/competitions/3/entries', { category_id: 7, member_id: 9, special_awards: ['新秀奖'] }]);
    await updateEntry(3, 40, { special_awards: ['巾帼奖'] });
    expect(sent(2)).toEqual(['PATCH', '/api/v1/competitions/3/entries/40', { special_awards: ['巾帼奖'] }]);
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await deleteEntry(3, 40);
    expect(sent(3)).toEqual(['DELETE', '/api/v1/competitions/3/entries/40', undefined]);
  });

  it('posts results, reads and links the ranking, and qualifies a category', async () => {
    await recordResults(3, 7, [{ entry_id: 40, place: 1 }, { entry_id: 41, place: null }]);
    expect(sent()).toEqual([
      'POST',
      '/api/v1/competitions/3/results',
      { category_id: 7, results: [{ entry_id: 40, place: 1 }, { entry_id: 41, place: null }] },
    ]);
    await getCompetitionRanking(3);
    expect(sent(1)[1]).toBe('/api/v1/competitions/3/ranking');
    await getCompetitionRanking(3, 7);
    expect(sent(2)[1]).toBe('/api/v1/competitions/3/ranking?category_id=7');
    expect(competitionRankingXlsxUrl(3)).toBe('/api/v1/competitions/3/ranking?format=xlsx');
    expect(competitionRankingXlsxUrl(3, 7)).toBe('/api/v1/competitions/3/ranking?category_id=7&format=xlsx');
    await qualify(3, 7);
    expect(sent(3)).toEqual(['POST', '/api/v1/competitions/3/qualify', { category_id: 7 }]);
  });
});

describe('labour client', () => {
  it('posts the steps, the negotiators and the signatures', async () => {
    await contractStep(7, 'vote', { total: 60, attendees: 50, votes_for: 40, votes_against: 5 });
    expect(sent()).toEqual(['POST', '/api/v1/labour/contracts/7/vote', { total: 60, attendees: 50, votes_for: 40, votes_against: 5 }]);
    await contractStep(7, 'negotiate');
    expect(sent(1)).toEqual(['POST', '/api/v1/labour/contracts/7/negotiate', {}]);
    await putNegotiators(7, [{ side: 'worker', name: '张三', gender: 'male', chief: true }]);
    expect(sent(2)).toEqual(['PUT', '/api/v1/labour/contracts/7/negotiators', { negotiators: [{ side: 'worker', name: '张三', gender: 'male', chief: true }] }]);
    await signContract(7, 'ab12');
    expect(sent(3)).toEqual(['POST', '/api/v1/labour/contracts/7/signatures', { side: 'worker', sha256: 'ab12' }]);
    await createSignLink(7, { side: 'employer', signer_name: '王五' });
    expect(sent(4)).toEqual(['POST', '/api/v1/labour/contracts/7/sign-links', { side: 'employer', signer_name: '王五' }]);
    await mediationStep(3, 'extend', { due_on: '2026-06-01', both_agree: true });
    expect(sent(5)).toEqual(['POST', '/api/v1/labour/mediations/3/extend', { due_on: '2026-06-01', both_agree: true }]);
  });

  it('sends a text file or a file to verify raw, named in the query', async () => {
    await uploadTextFile(7, new File(['%PDF-1.4'], '集体合同.pdf', { type: 'application/pdf' }));
    const [url, init] = fetchMock.mock.calls[0]!;
    expect([init?.method, String(url), init?.body instanceof Blob]).toEqual(['POST', `/api/v1/labour/contracts/7/texts/file?name=${encodeURIComponent('集体合同.pdf')}`, true]);
    await verifyFile('JT2026-000007', new Blob(['x']));
    expect(String(fetchMock.mock.calls[1]![0])).toBe('/api/v1/public/verify?number=JT2026-000007');
    await signPublic('tok en', 'ab', '刘明');
    expect(sent(2)).toEqual(['POST', '/api/v1/public/sign/tok%20en', { sha256: 'ab', agree: true, signer_name: '刘明' }]);
  });

  it('asks for the rates and the units behind a figure, kinds comma-encoded', async () => {
    await getRates({ org_id: 12, year: 2026, kinds: 'state_owned,platform' });
    expect(sent()[1]).toBe('/api/v1/labour/rates?org_id=12&year=2026&kinds=state_owned%2Cplatform');
    await getRateUnits({ rate: 'renewal', part: 'missing', org_id: 12, page: 2, page_size: 20 });
    expect(sent(1)[1]).toBe('/api/v1/labour/rate-units?rate=renewal&part=missing&org_id=12&page=2&page_size=20');
  });
});
