// Collective contracts (集体合同): the parties and workforce rules, each negotiator rule, every
// allowed and refused lifecycle step, the filing and publication deadlines, taking effect on
// day 15 after filing, the renewal window, the yearly wage-contract flag, text versions and scope.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';

import { anonymous, login, startServer } from './harness.mjs';
import { addDays, assertDenied, assertError, assertStatus, createEnterprise, createUnion, findOrg, listAll, memberBody, randomCreditCode, daysAgo, todayInChina, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, viewer, nananOrg;

const today = todayInChina;
const ago = daysAgo;
const all = async (client, p) => (await listAll(client, p)).items;

const enterprise = createEnterprise;

// A union with its enterprise (100 workers), as `client`.
async function unionWithEnterprise(client = nanan, parent = nananOrg) {
  const union = await createUnion(client, parent.id);
  const ent = await enterprise(client, union.id, { union_org_id: union.id });
  return { union, ent };
}

// Three per side, the union chair leading the workers, a woman among them.
function team(over = {}) {
  const w = (i) => ({ side: 'worker', name: `职工代表${i}`, gender: i === 1 ? 'female' : 'male', chief: i === 0, union_chair: i === 0 });
  const e = (i) => ({ side: 'employer', name: `企业代表${i}`, gender: 'male', chief: i === 0 });
  return { workers: [0, 1, 2].map(w), employers: [0, 1, 2].map(e), ...over };
}
const negotiators = (t = team()) => ({ negotiators: [...t.workers, ...t.employers] });

async function draft(client = nanan, over = {}) {
  const { union, ent } = await unionWithEnterprise(client);
  const res = await client.post('/labour/contracts', {
    org_id: union.id, kind: 'comprehensive', title: uniq('集体合同'), employer_enterprise_id: ent.id,
    term_from: today(), term_to: addDays(today(), 2 * 365), offered_on: today(), offered_by: 'worker', ...over,
  });
  assertStatus(res, 201, 'POST /labour/contracts');
  return { contract: res.body, union, ent };
}

async function step(id, name, body = {}, client = nanan) {
  const res = await client.post(`/labour/contracts/${id}/${name}`, body);
  return res;
}
async function ok(id, name, body = {}) {
  const res = await step(id, name, body);
  assertStatus(res, 200, name);
  return res.body;
}
const passing = (on) => ({ total: 60, attendees: 50, votes_for: 40, votes_against: 5, ...(on ? { on } : {}) });

// Takes a fresh contract to `congress` with a passed vote; dates from `start` on.
async function toApproved(id, start = today()) {
  assertStatus(await nanan.put(`/labour/contracts/${id}/negotiators`, negotiators()), 200);
  await ok(id, 'negotiate', { on: start });
  assertStatus(await nanan.post(`/labour/contracts/${id}/texts`, { text: '第一条 ……' }), 201);
  await ok(id, 'submit', { on: start });
  const voted = await ok(id, 'vote', passing(start));
  assert.equal(voted.vote.passed, true);
  return voted;
}

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, viewer] = await Promise.all(['admin', 'nanan', 'yuzhong', 'viewer'].map((u) => login(srv.url, u)));
  nananOrg = await findOrg(nanan, '南岸区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('a contract and its parties', () => {
  it('starts as an offer with a number, the employer and the workforce from the census', async () => {
    const { contract, union, ent } = await draft();
    assert.equal(contract.state, 'offer');
    assert.equal(contract.state_label, '要约');
    assert.match(contract.number, /^JT\d{4}-\d{6}$/);
    assert.equal(contract.org_id, union.id);
    assert.equal(contract.employer_name, ent.name);
    assert.equal(contract.workers, 100);
    assert.deepEqual(contract.warnings, []);
    assert.equal(contract.events[0].step, 'create');
    assert.equal(contract.events[0].on, today());
  });

  it('warns, without refusing, about a term outside one to three years', async () => {
    const { contract } = await draft(nanan, { term_to: addDays(today(), 5 * 365) });
    assert.equal(contract.warnings.length, 1);
    assert.match(contract.warnings[0], /超过三年/);
    const short = await draft(nanan, { term_to: addDays(today(), 100) });
    assert.match(short.contract.warnings[0], /不足一年/);
  });

  it('refuses each broken rule with 422 naming the field', async () => {
    const { union, ent } = await unionWithEnterprise();
    const base = {
      org_id: union.id, kind: 'comprehensive', title: '测试合同', employer_enterprise_id: ent.id,
      term_from: today(), term_to: addDays(today(), 365), offered_on: today(), offered_by: 'worker',
    };
    const other = await createUnion(nanan, nananOrg.id);
    const cases = [
      [{ kind: 'yearly' }, 'kind'],
      [{ title: '' }, 'title'],
      [{ term_to: addDays(today(), -1) }, 'term_to'],
      [{ offered_on: addDays(today(), 1) }, 'offered_on'],
      [{ offered_by: 'union' }, 'offered_by'],
      [{ org_id: other.id }, 'org_id'],
      [{ women: 101 }, 'women'],
      [{ dispatched: 101 }, 'dispatched'],
      [{ employer_enterprise_id: undefined }, 'employer_enterprise_id'],
      [{ enterprise_ids: [ent.id] }, 'enterprise_ids'],
      [{ kind: 'regional', employer_rep: '南岸区企业联合会' }, 'employer_enterprise_id'],
      [{ kind: 'regional', employer_enterprise_id: undefined }, 'employer_rep'],
      [{ kind: 'industry', employer_enterprise_id: undefined, employer_rep: '南岸区餐饮行业协会' }, 'enterprise_ids'],
      [{ surprise: 1 }, 'surprise'],
    ];
    for (const [over, field] of cases) {
      const res = await nanan.post('/labour/contracts', { ...base, ...over });
      assertError(res, 422, 'invalid_argument', field);
    }
  });

  it('covers a list of enterprises for 区域性 and 行业性 contracts, their workers summed', async () => {
    const a = await enterprise(nanan, nananOrg.id, { employees: 40 });
    const b = await enterprise(nanan, nananOrg.id, { employees: 25 });
    const res = await nanan.post('/labour/contracts', {
      org_id: nananOrg.id, kind: 'industry', title: uniq('餐饮行业集体合同'), employer_rep: '南岸区餐饮行业协会',
      enterprise_ids: [a.id, b.id], term_from: today(), term_to: addDays(today(), 3 * 365 - 1), offered_on: today(), offered_by: 'worker',
    });
    assertStatus(res, 201);
    assert.equal(res.body.workers, 65);
    assert.equal(res.body.employer_name, '南岸区餐饮行业协会');
    assert.deepEqual(res.body.enterprises.map((e) => e.id), [a.id, b.id]);
    // The vote of a 行业性 contract counts all the workers.
    const id = res.body.id;
    assertStatus(await nanan.put(`/labour/contracts/${id}/negotiators`, negotiators()), 200);
    await ok(id, 'negotiate');
    assertStatus(await nanan.post(`/labour/contracts/${id}/texts`, { text: '行业性集体合同文本' }), 201);
    await ok(id, 'submit');
    assertError(await step(id, 'vote', { total: 66, attendees: 60, votes_for: 40, votes_against: 0 }), 422, 'invalid_argument', 'total');
    const voted = await ok(id, 'vote', { total: 65, attendees: 50, votes_for: 33, votes_against: 10 });
    assert.equal(voted.vote.passed, true);
  });
});

describe('negotiators', () => {
  const put = async (id, body) => nanan.put(`/labour/contracts/${id}/negotiators`, body);

  it('accepts three to fifteen a side, the union chair leading the workers', async () => {
    const { contract } = await draft();
    const res = await put(contract.id, negotiators());
    assertStatus(res, 200);
    assert.equal(res.body.negotiators.length, 6);
    assert.equal(res.body.negotiators.filter((n) => n.chief).length, 2);
  });

  it('refuses each rule with 422 naming negotiators', async () => {
    const { contract } = await draft(nanan, { women: 30, dispatched: 10 });
    const t = team();
    const withDispatched = (x) => ({ ...x, workers: x.workers.map((w, i) => (i === 2 ? { ...w, dispatched: true } : w)) });
    const rules = [
      [{ ...t, workers: t.workers.slice(0, 2) }, /职工方协商代表应为3至15人/],
      [{ ...t, employers: t.employers.slice(0, 2) }, /用人单位方协商代表应为3至15人/],
      [{ ...t, employers: [...t.employers, { side: 'employer', name: '企业代表3', gender: 'male' }] }, /不得少于用人单位方/],
      [{ ...t, workers: t.workers.map((w) => ({ ...w, union_chair: false })) }, /工会主席/],
      [{ ...t, employers: t.employers.map((e) => ({ ...e, chief: false })) }, /用人单位方应有且只有一名首席/],
      [{ ...t, workers: t.workers.map((w) => ({ ...w, gender: 'male', dispatched: true })) }, /应有女职工/],
      [t, /应有劳务派遣职工/],
    ];
    for (const [body, message] of rules) {
      const e = assertError(await put(contract.id, negotiators(body)), 422, 'invalid_argument', 'negotiators');
      assert.match(e.message, message);
    }
    assertStatus(await put(contract.id, negotiators(withDispatched(t))), 200);
    // A field of one negotiator is named with its place in the list.
    const bad = negotiators(withDispatched(t));
    bad.negotiators[4].gender = 'x';
    assertError(await put(contract.id, bad), 422, 'invalid_argument', 'negotiators[4].gender');
    // A workforce change that breaks the list is refused too, naming the list.
    const plain = await draft();
    assertStatus(await put(plain.contract.id, negotiators()), 200);
    assertError(await nanan.patch(`/labour/contracts/${plain.contract.id}`, { dispatched: 10 }), 422, 'invalid_argument', 'negotiators');
    assertStatus(await nanan.patch(`/labour/contracts/${plain.contract.id}`, { dispatched: 5 }), 200);
  });
});

describe('the lifecycle', () => {
  it('goes offer → negotiating → congress → signed → filed, with each precondition', async () => {
    const { contract } = await draft();
    const id = contract.id;
    assertError(await step(id, 'negotiate'), 409, 'failed_precondition', 'negotiators');
    assertStatus(await nanan.put(`/labour/contracts/${id}/negotiators`, negotiators()), 200);
    assert.equal((await ok(id, 'negotiate')).state, 'negotiating');
    assertError(await step(id, 'submit'), 409, 'failed_precondition', 'texts');
    assertStatus(await nanan.post(`/labour/contracts/${id}/texts`, { text: '第一条 工资' }), 201);
    assert.equal((await ok(id, 'submit')).state, 'congress');
    assertError(await step(id, 'sign'), 409, 'failed_precondition', 'vote');
    // Too few present, figures that do not add up.
    assertError(await step(id, 'vote', { total: 60, attendees: 39, votes_for: 35, votes_against: 0 }), 422, 'invalid_argument', 'attendees');
    assertError(await step(id, 'vote', { total: 60, attendees: 40, votes_for: 35, votes_against: 6 }), 422, 'invalid_argument', 'votes_against');
    // Exactly half of all the representatives is not enough: back to negotiating.
    const failed = await ok(id, 'vote', { total: 60, attendees: 45, votes_for: 30, votes_against: 15 });
    assert.equal(failed.state, 'negotiating');
    assert.equal(failed.vote.passed, false);
    await ok(id, 'submit');
    assert.equal((await ok(id, 'vote', passing())).state, 'congress');
    // A new text in congress voids the vote: the congress approves the text it saw.
    const retexted = await nanan.post(`/labour/contracts/${id}/texts`, { text: '第一条 工资（修订）' });
    assertStatus(retexted, 201);
    assert.equal(retexted.body.vote, null);
    assertError(await step(id, 'sign'), 409, 'failed_precondition', 'vote');
    await ok(id, 'vote', passing());
    const signed = await ok(id, 'sign');
    assert.equal(signed.state, 'signed');
    assert.equal(signed.deadlines.filing_due, addDays(today(), 10));
    assert.equal(signed.deadlines.filing_overdue, false);
    const filed = await ok(id, 'file');
    assert.equal(filed.state, 'filed');
    assert.equal(filed.effective_on, addDays(today(), 15));
    assert.deepEqual(filed.events.map((e) => e.step),
      ['create', 'negotiate', 'text', 'submit', 'vote', 'submit', 'vote', 'text', 'vote', 'sign', 'file']);
    // Edits of the parties are closed once negotiation is over.
    assertError(await nanan.patch(`/labour/contracts/${id}`, { title: '改名' }), 409, 'failed_precondition', 'state');
    assertStatus(await nanan.patch(`/labour/contracts/${id}`, { note: '备注随时可改' }), 200);
  });

  it('refuses every step from a state that does not allow it', async () => {
    const { contract } = await draft();
    const id = contract.id;
    for (const s of ['submit', 'vote', 'sign', 'file', 'object', 'publish']) {
      const body = s === 'vote' ? passing() : s === 'object' ? { reason: '理由' } : {};
      assertError(await step(id, s, body), 409, 'failed_precondition', 'state');
    }
    await toApproved(id);
    await ok(id, 'sign');
    for (const s of ['negotiate', 'submit', 'sign', 'publish', 'abandon']) {
      const body = s === 'abandon' ? { reason: '理由' } : {};
      assertError(await step(id, s, body), 409, 'failed_precondition', 'state');
    }
    assertError(await nanan.post(`/labour/contracts/${id}/texts`, { text: '签订后不能换文本' }), 409, 'failed_precondition', 'state');
  });

  it('dates each step no later than today and not before the step before it', async () => {
    const { contract } = await draft(nanan, { offered_on: ago(30) });
    const id = contract.id;
    assertStatus(await nanan.put(`/labour/contracts/${id}/negotiators`, negotiators()), 200);
    assertError(await step(id, 'negotiate', { on: ago(31) }), 422, 'invalid_argument', 'on');
    assertError(await step(id, 'negotiate', { on: addDays(today(), 1) }), 422, 'invalid_argument', 'on');
    assertError(await step(id, 'negotiate', { on: '2026-02-30' }), 422, 'invalid_argument', 'on');
    assert.equal((await ok(id, 'negotiate', { on: ago(30) })).events[1].on, ago(30));
  });

  it('flags a filing overdue ten days after signing, and lists it', async () => {
    const { contract } = await draft(nanan, { offered_on: ago(20) });
    await toApproved(contract.id, ago(20));
    const signed = await ok(contract.id, 'sign', { on: ago(11) });
    assert.equal(signed.deadlines.filing_due, ago(1));
    assert.equal(signed.deadlines.filing_overdue, true);
    const overdue = await all(nanan, '/labour/contracts?overdue=filing');
    assert.ok(overdue.some((c) => c.id === contract.id));
    assert.ok(overdue.every((c) => c.deadlines.filing_overdue));
    const filed = await ok(contract.id, 'file');
    assert.equal(filed.deadlines.filing_overdue, false);
  });

  it('takes effect on day 15 after filing with no objection, then must be published within 10 days', async () => {
    const { contract } = await draft(nanan, { offered_on: ago(40), term_from: ago(10) });
    const id = contract.id;
    await toApproved(id, ago(40));
    await ok(id, 'sign', { on: ago(30) });
    // Filed 14 days ago: still under review.
    const filed = await ok(id, 'file', { on: ago(14) });
    assert.equal(filed.state, 'filed');
    assert.equal(filed.effective_on, addDays(today(), 1));
    const listFiled = await all(nanan, '/labour/contracts?state=filed');
    assert.ok(listFiled.some((c) => c.id === id));

    const other = await draft(nanan, { offered_on: ago(40), term_from: ago(10) });
    await toApproved(other.contract.id, ago(40));
    await ok(other.contract.id, 'sign', { on: ago(30) });
    const effective = await ok(other.contract.id, 'file', { on: ago(15) });
    assert.equal(effective.state, 'effective');
    assert.equal(effective.effective_on, today());
    const listEffective = await all(nanan, '/labour/contracts?state=effective');
    assert.ok(listEffective.some((c) => c.id === other.contract.id));
    assert.ok(!listEffective.some((c) => c.id === id));
    // Effective: an objection comes too late.
    assertError(await step(other.contract.id, 'object', { reason: '第五条与法规不符' }), 409, 'failed_precondition', 'state');
    assertError(await step(other.contract.id, 'publish', { on: ago(1) }), 422, 'invalid_argument', 'on');
    const published = await ok(other.contract.id, 'publish');
    assert.equal(published.state, 'published');
    assert.deepEqual(published.events.slice(-3).map((e) => e.step), ['file', 'take_effect', 'publish']);
    assert.equal(published.events.at(-2).on, today());
  });

  it('flags a publication overdue ten days after taking effect', async () => {
    const { contract } = await draft(nanan, { offered_on: ago(60), term_from: ago(30) });
    await toApproved(contract.id, ago(60));
    await ok(contract.id, 'sign', { on: ago(50) });
    const filed = await ok(contract.id, 'file', { on: ago(45) });
    assert.equal(filed.state, 'effective');
    assert.equal(filed.deadlines.publish_due, ago(20));
    assert.equal(filed.deadlines.publish_overdue, true);
    const overdue = await all(nanan, '/labour/contracts?overdue=publish');
    assert.ok(overdue.some((c) => c.id === contract.id));
  });

  it('returns to negotiating on the labour authority\'s objection within 15 days, the vote void', async () => {
    const { contract } = await draft();
    await toApproved(contract.id);
    await ok(contract.id, 'sign');
    await ok(contract.id, 'file');
    assertError(await step(contract.id, 'object', {}), 422, 'invalid_argument', 'reason');
    const back = await ok(contract.id, 'object', { reason: '第十二条加班工资标准低于法定' });
    assert.equal(back.state, 'negotiating');
    assert.equal(back.vote, null);
    assert.equal(back.filed_on, null);
    assert.equal(back.events.at(-1).detail.reason, '第十二条加班工资标准低于法定');
  });

  it('may be abandoned before signing, and nothing moves after', async () => {
    const { contract } = await draft();
    assertError(await step(contract.id, 'abandon', {}), 422, 'invalid_argument', 'reason');
    assert.equal((await ok(contract.id, 'abandon', { reason: '企业关闭' })).state, 'abandoned');
    assertError(await step(contract.id, 'negotiate'), 409, 'failed_precondition', 'state');
  });
});

describe('renewal', () => {
  // An effective contract whose term ends in `daysLeft` days.
  async function effectiveEnding(daysLeft) {
    const { contract } = await draft(nanan, { offered_on: ago(400), term_from: ago(380), term_to: addDays(today(), daysLeft) });
    await toApproved(contract.id, ago(400));
    await ok(contract.id, 'sign', { on: ago(390) });
    const filed = await ok(contract.id, 'file', { on: ago(385) });
    return filed;
  }
  const renew = (c, over = {}) => nanan.post(`/labour/contracts/${c.id}/renewal`, {
    term_from: addDays(c.term_to, 1), term_to: addDays(c.term_to, 3 * 365), offered_by: 'worker', ...over,
  });

  it('opens in the last three months of the term and links to its predecessor', async () => {
    const early = await effectiveEnding(120);
    assert.equal(early.deadlines.renewable, false);
    assertError(await renew(early), 409, 'failed_precondition', 'state');

    const due = await effectiveEnding(60);
    assert.equal(due.deadlines.renewable, true);
    assertError(await renew(due, { term_from: due.term_to }), 422, 'invalid_argument', 'term_from');
    const res = await renew(due);
    assertStatus(res, 201);
    assert.equal(res.body.state, 'offer');
    assert.equal(res.body.predecessor_id, due.id);
    assert.equal(res.body.negotiators.length, 6, 'the negotiators carry over');
    const old = await nanan.get(`/labour/contracts/${due.id}`);
    assert.equal(old.body.successor_id, res.body.id);
    assertError(await renew(due), 409, 'failed_precondition', 'state');
    // An abandoned renewal frees the way for another.
    await ok(res.body.id, 'abandon', { reason: '重新要约' });
    assertStatus(await renew(due), 201);
  });

  it('is open once the term has run out', async () => {
    const { contract } = await draft(nanan, { offered_on: ago(400), term_from: ago(380), term_to: ago(20) });
    await toApproved(contract.id, ago(400));
    await ok(contract.id, 'sign', { on: ago(390) });
    const filed = await ok(contract.id, 'file', { on: ago(385) });
    assert.equal(filed.state, 'expired');
    assert.equal(filed.deadlines.renewable, true);
    const expired = await all(nanan, '/labour/contracts?state=expired');
    assert.ok(expired.some((c) => c.id === contract.id));
    assertStatus(await renew(filed), 201);
  });
});

describe('wage contracts', () => {
  it('flags a union whose newest wage contract was signed more than a year ago', async () => {
    const old = await draft(nanan, { kind: 'wage', offered_on: ago(400), term_from: ago(390), term_to: addDays(ago(390), 364) });
    await toApproved(old.contract.id, ago(400));
    await ok(old.contract.id, 'sign', { on: ago(390) });
    const fresh = await draft(nanan, { kind: 'wage', offered_on: ago(100) });
    await toApproved(fresh.contract.id, ago(100));
    await ok(fresh.contract.id, 'sign', { on: ago(90) });
    const due = await all(nanan, '/labour/wage-due');
    const row = due.find((r) => r.org_id === old.union.id);
    assert.ok(row, 'the union with the old wage contract is flagged');
    assert.equal(row.last_signed_on, ago(390));
    assert.ok(!due.some((r) => r.org_id === fresh.union.id));
  });
});

describe('text versions', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

  it('keeps uploaded PDF files byte for byte with their SHA-256', async () => {
    const { contract } = await draft();
    const res = await nanan.raw('POST', `/labour/contracts/${contract.id}/texts/file?name=${encodeURIComponent('合同草案.pdf')}`,
      { body: pdf, headers: { 'Content-Type': 'application/pdf' } });
    assertStatus(res, 201);
    const text = res.body.texts.at(-1);
    assert.equal(text.sha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(text.file_name, '合同草案.pdf');
    const got = await nanan.download(text.url);
    assert.equal(got.status, 200);
    assert.ok(got.bytes.equals(pdf));
    const bad = await nanan.raw('POST', `/labour/contracts/${contract.id}/texts/file`,
      { body: Buffer.from('plain text'), headers: { 'Content-Type': 'application/pdf' } });
    assertError(bad, 422, 'invalid_argument', 'file');
    const typed = await nanan.post(`/labour/contracts/${contract.id}/texts`, { text: '第一条' });
    assert.equal(typed.body.texts.at(-1).version, 2);
    assert.equal(typed.body.texts.at(-1).sha256, createHash('sha256').update('第一条').digest('hex'));
  });
});

describe('online signing', () => {
  const sha = (x) => createHash('sha256').update(x).digest('hex');
  const TEXT = '第一条 ……';  // the text toApproved records
  const signAsUnion = (id, over = {}) => nanan.post(`/labour/contracts/${id}/signatures`, { side: 'worker', sha256: sha(TEXT), ...over });
  const link = (id, over = {}) => nanan.post(`/labour/contracts/${id}/sign-links`, { side: 'employer', signer_name: '张经理', ...over });

  it('opens only once the congress has approved the draft', async () => {
    const { contract } = await draft();
    assertError(await signAsUnion(contract.id), 409, 'failed_precondition', 'state');
    assertError(await link(contract.id), 409, 'failed_precondition', 'state');
  });

  it('signs the union side by account and the employer side by a single-use link, then is signed', async () => {
    const { contract } = await draft();
    await toApproved(contract.id);
    assertError(await signAsUnion(contract.id, { side: 'employer' }), 422, 'invalid_argument', 'side');
    assertError(await signAsUnion(contract.id, { sha256: sha('另一份文本') }), 409, 'failed_precondition', 'sha256');
    const first = await signAsUnion(contract.id);
    assertStatus(first, 201);
    assert.equal(first.body.state, 'congress');
    const [mine] = first.body.signatures;
    assert.equal(mine.side, 'worker');
    assert.equal(mine.via, 'account');
    assert.equal(mine.sha256, sha(TEXT));
    assert.match(mine.address, /\d/);
    assert.equal(mine.void, false);
    assertError(await signAsUnion(contract.id), 409, 'failed_precondition', 'side');

    const made = await link(contract.id);
    assertStatus(made, 201);
    assert.match(made.body.token, /^[0-9a-f]{64}$/);
    assert.equal(made.body.path, `/sign/${made.body.token}`);
    const detail = await nanan.get(`/labour/contracts/${contract.id}`);
    assert.ok(!JSON.stringify(detail.body).includes(made.body.token), 'the token is shown once and not stored');

    const pub = anonymous(srv.url);
    const page = await pub.get(`/public/sign/${made.body.token}`);
    assertStatus(page, 200);
    assert.equal(page.body.number, contract.number);
    assert.equal(page.body.side_label, '用人单位方');
    assert.equal(page.body.signer_name, '张经理');
    assert.equal(page.body.text.content, TEXT);
    assert.equal(page.body.text.sha256, sha(TEXT));
    const file = await pub.download(page.body.text.url);
    assert.equal(file.bytes.toString('utf8'), TEXT);
    assertError(await pub.post(`/public/sign/${made.body.token}`, { sha256: sha(TEXT) }), 422, 'invalid_argument', 'agree');
    assertError(await pub.post(`/public/sign/${made.body.token}`, { sha256: sha(TEXT), agree: true, signer_name: '李经理' }), 422, 'invalid_argument', 'signer_name');
    const signed = await pub.post(`/public/sign/${made.body.token}`, { sha256: sha(TEXT), agree: true, signer_name: ' 张经理 ' });
    assertStatus(signed, 201);
    assert.equal(signed.body.state, 'signed');
    assertError(await pub.post(`/public/sign/${made.body.token}`, { sha256: sha(TEXT), agree: true }), 409, 'failed_precondition', 'token');
    assertError(await pub.get(`/public/sign/${made.body.token}`), 409, 'failed_precondition', 'token');

    const after = (await nanan.get(`/labour/contracts/${contract.id}`)).body;
    assert.equal(after.state, 'signed');
    assert.equal(after.signed_on, today());
    assert.deepEqual(after.signatures.map((x) => [x.side, x.via, x.signer_name]), [['worker', 'account', mine.signer_name], ['employer', 'link', '张经理']]);
    assert.deepEqual(after.events.slice(-3).map((e) => e.step), ['signature', 'signature', 'sign']);
    assert.equal(after.events.at(-1).detail.online, true);
    assert.equal(after.sign_links[0].used_at !== null, true);
  });

  it('voids the signatures collected when the text changes', async () => {
    const { contract } = await draft();
    await toApproved(contract.id);
    assertStatus(await signAsUnion(contract.id), 201);
    const changed = await nanan.post(`/labour/contracts/${contract.id}/texts`, { text: '第一条（修订）' });
    assertStatus(changed, 201);
    assert.equal(changed.body.signatures[0].void, true);
    assert.match(changed.body.signatures[0].void_reason, /文本已更改/);
    assert.equal(changed.body.vote, null);
    await ok(contract.id, 'vote', passing());
    const made = await link(contract.id);
    const pub = anonymous(srv.url);
    // The signer saw the old text: refused.
    assertError(await pub.post(`/public/sign/${made.body.token}`, { sha256: sha(TEXT), agree: true }), 409, 'failed_precondition', 'sha256');
    const employer = await pub.post(`/public/sign/${made.body.token}`, { sha256: sha('第一条（修订）'), agree: true });
    assertStatus(employer, 201);
    assert.equal(employer.body.state, 'congress', 'the union\'s signature of the old text does not count');
    const union = await signAsUnion(contract.id, { sha256: sha('第一条（修订）') });
    assert.equal(union.body.state, 'signed');
  });

  it('refuses an unknown, a retired or a used token', async () => {
    const { contract } = await draft();
    await toApproved(contract.id);
    const pub = anonymous(srv.url);
    assertError(await pub.get(`/public/sign/${'0'.repeat(64)}`), 404, 'not_found');
    assertError(await pub.get('/public/sign/not-a-token'), 404, 'not_found');
    const old = await link(contract.id);
    const fresh = await link(contract.id, { hours: 1 });
    assertStatus(fresh, 201);
    // A new link for the same side retires the unused one: it is expired from then on.
    const e = assertError(await pub.get(`/public/sign/${old.body.token}`), 409, 'failed_precondition', 'token');
    assert.match(e.message, /过期/);
    assertError(await link(contract.id, { hours: 169 }), 422, 'invalid_argument', 'hours');
    assertStatus(await pub.get(`/public/sign/${fresh.body.token}`), 200);
  });
});

describe('verification of a signed text', () => {
  const pdf = Buffer.from('%PDF-1.4\n% 集体合同\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const verify = (number, bytes) => anonymous(srv.url).raw('POST', `/public/verify?number=${encodeURIComponent(number)}`,
    { body: bytes, headers: { 'Content-Type': 'application/pdf' } });

  it('accepts the signed file and refuses a one-byte change', async () => {
    const { contract } = await draft();
    const id = contract.id;
    assertStatus(await nanan.put(`/labour/contracts/${id}/negotiators`, negotiators()), 200);
    await ok(id, 'negotiate');
    assertStatus(await nanan.raw('POST', `/labour/contracts/${id}/texts/file?name=a.pdf`, { body: pdf, headers: { 'Content-Type': 'application/pdf' } }), 201);
    await ok(id, 'submit');
    await ok(id, 'vote', passing());
    const before = await verify(contract.number, pdf);
    assertStatus(before, 200);
    assert.equal(before.body.match, false, 'not signed yet');
    await ok(id, 'sign');
    const good = await verify(contract.number, pdf);
    assertStatus(good, 200);
    assert.equal(good.body.match, true);
    assert.equal(good.body.contract.title, contract.title);
    assert.equal(good.body.contract.signed_on, today());
    const changed = Buffer.from(pdf);
    changed[changed.length - 2] ^= 1;
    const bad = await verify(contract.number, changed);
    assertStatus(bad, 200);
    assert.equal(bad.body.match, false);
    assert.equal(bad.body.contract, undefined, 'nothing about the contract for a file that does not match');
    assertError(await verify('JT1900-000000', pdf), 404, 'not_found');
    assertError(await verify('', pdf), 422, 'invalid_argument', 'number');
  });
});

describe('rates', () => {
  let street, e1, e2, e3, e4, Y;
  const rates = async (q, client = nanan) => {
    const res = await client.get(`/labour/rates?${q}`);
    assertStatus(res, 200, `rates ${q}`);
    return Object.fromEntries(res.body.rates.map((r) => [r.key, r]));
  };
  const units = async (link, client = nanan) => {
    const res = await client.get(link.replace(/^\/api\/v1/, '') + '&page_size=200');
    assertStatus(res, 200, link);
    return res.body;
  };

  before(async () => {
    Y = ago(10).slice(0, 4);
    street = await createUnion(nanan, nananOrg.id, uniq('测试街道工会'), { kind: 'street' });
    const u1 = await createUnion(nanan, street.id);
    const u2 = await createUnion(nanan, street.id);
    e1 = await enterprise(nanan, street.id, { kind: 'state_owned', employees: 100, union_org_id: u1.id });
    e2 = await enterprise(nanan, street.id, { kind: 'above_scale_private', employees: 30, union_org_id: u2.id });
    e3 = await enterprise(nanan, street.id, { kind: 'above_scale_private', employees: 40 });
    e4 = await enterprise(nanan, street.id, { kind: 'below_scale_private', employees: 10 });
    for (const org of [u1, u1, u1, u2]) assertStatus(await nanan.post('/members', memberBody(org.id)), 201);
    assertStatus(await nanan.put(`/enterprises/${e1.id}/flags/${Y}`, { factory_affairs_open: true, workers_congress: true }), 200);
    assertStatus(await nanan.put(`/enterprises/${e2.id}/flags/${Y}`, { factory_affairs_open: true }), 200);
    // e1's own contract, in force.
    const own = await nanan.post('/labour/contracts', {
      org_id: u1.id, kind: 'comprehensive', title: uniq('集体合同'), employer_enterprise_id: e1.id,
      term_from: ago(300), term_to: addDays(today(), 400), offered_on: ago(400), offered_by: 'worker',
    });
    assertStatus(own, 201);
    await toApproved(own.body.id, ago(400));
    await ok(own.body.id, 'sign', { on: ago(390) });
    await ok(own.body.id, 'file', { on: ago(385) });
    // A 区域性 contract covering e2 whose term ended ten days ago, renewed and signed again.
    const old = await nanan.post('/labour/contracts', {
      org_id: street.id, kind: 'regional', title: uniq('区域性集体合同'), employer_rep: '街道企业联合会', enterprise_ids: [e2.id], workers: 100,
      term_from: ago(380), term_to: ago(10), offered_on: ago(400), offered_by: 'worker',
    });
    assertStatus(old, 201);
    await toApproved(old.body.id, ago(400));
    await ok(old.body.id, 'sign', { on: ago(390) });
    assert.equal((await ok(old.body.id, 'file', { on: ago(385) })).state, 'expired');
    const renewal = await nanan.post(`/labour/contracts/${old.body.id}/renewal`, {
      term_from: ago(9), term_to: addDays(today(), 700), offered_on: ago(9), offered_by: 'worker',
    });
    assertStatus(renewal, 201);
    await toApproved(renewal.body.id, ago(9));
    await ok(renewal.body.id, 'sign', { on: ago(8) });
  });

  it('computes each rate of a subtree from its units, with the units behind every figure', async () => {
    const r = await rates(`org_id=${street.id}&year=${Y}`);
    const pair = (x) => [x.numerator, x.denominator];
    assert.deepEqual(pair(r.union_founding), [2, 3]);
    assert.deepEqual(pair(r.membership), [4, 130]);
    assert.deepEqual(pair(r.factory_affairs), [2, 2]);
    assert.deepEqual(pair(r.workers_congress), [1, 2]);
    assert.deepEqual(pair(r.contract_signing), [2, 2]);
    assert.deepEqual(pair(r.renewal), [1, 1]);
    assert.equal(r.union_founding.rate, 0.6667);
    assert.equal(r.renewal.rate, 1);
    assert.match(r.union_founding.wording, /25人以上/);
    // The missing units are the ones that keep a rate below 100%.
    const missing = await units(r.union_founding.links.missing);
    assert.deepEqual(missing.items.map((u) => u.id), [e3.id]);
    assert.deepEqual((await units(r.workers_congress.links.missing)).items.map((u) => u.id), [e2.id]);
    assert.equal((await units(r.contract_signing.links.missing)).total, 0);
    const members = await units(r.membership.links.numerator);
    assert.deepEqual(members.sums, { members: 4, employees: 130 });
    const renewed = await units(r.renewal.links.numerator);
    assert.equal(renewed.unit, 'contract');
    assert.equal(renewed.total, 1);
    assert.ok(renewed.items[0].renewal_id);
    assert.ok(![e1, e2, e3].some((e) => e.id === e4.id));
  });

  it('filters by enterprise kind, as the bulletin\'s 国有企业、事业单位及规上非公企业', async () => {
    const r = await rates(`org_id=${street.id}&year=${Y}&kinds=${encodeURIComponent('state_owned,public_institution,above_scale_private')}`);
    assert.deepEqual([r.union_founding.numerator, r.union_founding.denominator], [2, 3]);
    const state = await rates(`org_id=${street.id}&year=${Y}&kinds=state_owned`);
    assert.deepEqual([state.union_founding.numerator, state.union_founding.denominator], [1, 1]);
    assert.equal(state.union_founding.rate, 1);
    assert.match(state.union_founding.links.missing, /kinds=state_owned/);
    assertError(await nanan.get(`/labour/rates?org_id=${street.id}&kinds=farm`), 422, 'invalid_argument', 'kinds');
  });

  it('shows the same count in every list a figure opens, for a whole district', async () => {
    const res = await nanan.get(`/labour/rates?year=${Y}`);
    assertStatus(res, 200);
    for (const r of res.body.rates) {
      if (r.key === 'membership') continue;
      const num = await units(r.links.numerator);
      const den = await units(r.links.denominator);
      const miss = await units(r.links.missing);
      assert.equal(num.total, r.numerator, `${r.key} numerator`);
      assert.equal(den.total, r.denominator, `${r.key} denominator`);
      assert.equal(miss.total, r.denominator - r.numerator, `${r.key} missing`);
    }
  });

  it('agrees on both axes at the top, and keeps another district out', async () => {
    const city = await findOrg(admin, '重庆市总工会');
    const t = await rates(`org_id=${city.id}&axis=territorial&year=${Y}`, admin);
    const i = await rates(`org_id=${city.id}&axis=industry&year=${Y}`, admin);
    for (const key of Object.keys(t)) {
      assert.deepEqual([t[key].numerator, t[key].denominator], [i[key].numerator, i[key].denominator], key);
    }
    const district = await rates(`year=${Y}`);
    assert.ok(t.union_founding.denominator >= district.union_founding.denominator);
    assertDenied(await yuzhong.get(`/labour/rates?org_id=${street.id}`), 'rates of another district');
    assertDenied(await yuzhong.get(`/labour/rate-units?org_id=${street.id}&rate=union_founding&part=missing`), 'units of another district');
  });

  it('breaks the rates down by child and 本级, the rows adding up to the subtree and each opening its units', async () => {
    const whole = await rates(`year=${Y}`);
    const res = await nanan.get(`/labour/rate-breakdown?year=${Y}`);
    assertStatus(res, 200);
    assert.equal(res.body.org_id, nananOrg.id);
    assert.deepEqual(res.body.rates.map((r) => r.key), Object.keys(whole));
    const rows = res.body.rows;
    assert.equal(rows.at(-1).own, true);
    assert.equal(rows.filter((r) => r.own).length, 1);
    for (const key of Object.keys(whole)) {
      const sum = (part) => rows.reduce((n, row) => n + row.rates.find((r) => r.key === key)[part], 0);
      assert.deepEqual([sum('numerator'), sum('denominator')], [whole[key].numerator, whole[key].denominator], key);
    }
    // The test street's row is its subtree's rates, and its links open the same units.
    const row = rows.find((r) => r.org_id === street.id);
    assert.ok(row, 'the street is a child of the district');
    const own = await rates(`org_id=${street.id}&year=${Y}`);
    const founding = row.rates.find((r) => r.key === 'union_founding');
    assert.deepEqual([founding.numerator, founding.denominator], [own.union_founding.numerator, own.union_founding.denominator]);
    assert.equal((await units(founding.links.missing)).total, founding.denominator - founding.numerator);
    const linked = await nanan.get(row.link.replace(/^\/api\/v1/, ''));
    assertStatus(linked, 200);
    assert.equal(linked.body.org_id, street.id);
    // 本级: the units registered at the district itself, listed by its links.
    const selfRow = rows.at(-1).rates.find((r) => r.key === 'union_founding');
    assert.match(selfRow.links.denominator, /level=own/);
    assert.equal((await units(selfRow.links.denominator)).total, selfRow.denominator);
    assertError(await nanan.get('/labour/rates?level=all'), 422, 'invalid_argument', 'level');
    assertDenied(await yuzhong.get(`/labour/rate-breakdown?org_id=${street.id}`), 'breakdown of another district');
  });

  it('takes its threshold and wording from the settings the city keeps', async () => {
    assertError(await nanan.put('/labour/rate-settings', { min_employees: 50 }), 403, 'permission_denied');
    const set = await admin.put('/labour/rate-settings', { min_employees: 50, wording: { union_founding: '已建会单位数 ÷ 50人以上单位数' } });
    assertStatus(set, 200);
    try {
      const r = await rates(`org_id=${street.id}&year=${Y}`);
      assert.deepEqual([r.union_founding.numerator, r.union_founding.denominator], [1, 1]);
      assert.equal(r.union_founding.wording, '已建会单位数 ÷ 50人以上单位数');
    } finally {
      assertStatus(await admin.put('/labour/rate-settings', { min_employees: 25, wording: { union_founding: '已建立工会的单位数 ÷ 职工25人以上应建会的单位数' } }), 200);
    }
  });
});

describe('scope', () => {
  it('keeps a district\'s contracts from another district in every read and write', async () => {
    const { contract, union } = await draft();
    assertDenied(await yuzhong.get(`/labour/contracts/${contract.id}`), 'detail');
    assertDenied(await yuzhong.patch(`/labour/contracts/${contract.id}`, { note: 'x' }), 'patch');
    assertDenied(await yuzhong.put(`/labour/contracts/${contract.id}/negotiators`, negotiators()), 'negotiators');
    assertDenied(await yuzhong.post(`/labour/contracts/${contract.id}/abandon`, { reason: 'x' }), 'step');
    assertDenied(await yuzhong.post(`/labour/contracts/${contract.id}/texts`, { text: 'x' }), 'text');
    const theirs = await all(yuzhong, '/labour/contracts');
    assert.ok(!theirs.some((c) => c.id === contract.id));
    assertDenied(await yuzhong.get(`/labour/contracts?org_id=${union.id}`), 'list of another district');
    // Nor may a contract be drafted for another district's union or enterprise.
    const { union: u2, ent: e2 } = await unionWithEnterprise();
    const res = await yuzhong.post('/labour/contracts', {
      org_id: u2.id, kind: 'comprehensive', title: 'x', employer_enterprise_id: e2.id,
      term_from: today(), term_to: addDays(today(), 365), offered_on: today(), offered_by: 'worker',
    });
    assertError(res, 404, 'not_found', 'org_id');
    const own = await findOrg(yuzhong, '渝中区总工会');
    const res2 = await yuzhong.post('/labour/contracts', {
      org_id: own.id, kind: 'regional', title: 'x', employer_rep: '渝中区企业联合会', enterprise_ids: [e2.id],
      term_from: today(), term_to: addDays(today(), 365), offered_on: today(), offered_by: 'worker',
    });
    assertError(res2, 404, 'not_found', 'enterprise_ids');
  });

  it('lets a viewer read and not write', async () => {
    const { contract } = await draft();
    assertStatus(await viewer.get(`/labour/contracts/${contract.id}`), 200);
    assertError(await viewer.post(`/labour/contracts/${contract.id}/abandon`, { reason: 'x' }), 403, 'permission_denied');
  });
});

describe('demo data', () => {
  it('reads 巫山县 like the founding bulletin, and other districts below it', async () => {
    const wushan = await findOrg(admin, '巫山县总工会');
    const Y = today().slice(0, 4);
    const get = async (q) => {
      const res = await admin.get(`/labour/rates?org_id=${wushan.id}&year=${Y}${q}`);
      assertStatus(res, 200);
      return { rates: Object.fromEntries(res.body.rates.map((r) => [r.key, r])), counts: res.body.counts };
    };
    // 国有企业、事业单位及规上非公企业: all unionised, all with 厂务公开.
    const kinds = await get(`&kinds=${encodeURIComponent('state_owned,public_institution,above_scale_private')}`);
    assert.ok(kinds.rates.union_founding.denominator > 0);
    assert.equal(kinds.rates.union_founding.rate, 1);
    assert.equal(kinds.rates.factory_affairs.rate, 1);
    // Regional and industry contracts renewed: 100%.
    const area = await get('&contract_kind=area');
    assert.ok(area.rates.renewal.denominator >= 2, 'regional and industry contracts expired this year');
    assert.equal(area.rates.renewal.rate, 1);
    const { counts } = area;
    assert.equal(counts.documents, 5);
    assert.equal(counts.visits, 86);
    assert.equal(counts.trained, 1000);
    assert.ok(counts.new_forms_consultations >= 2);
    const platforms = await all(admin, `/labour/consultations?org_id=${wushan.id}&new_forms=true&year=${Y}`);
    for (const name of ['美团', '饿了么']) assert.ok(platforms.some((c) => c.title.includes(name)), name);
    const trainings = await all(admin, `/labour/trainings?org_id=${wushan.id}&year=${Y}`);
    const groups = trainings.flatMap((t) => t.groups.map((g) => g.group));
    for (const g of ['集体协商指导员', '社会化工作者', '职工代表']) assert.ok(groups.some((x) => x.includes(g)), g);
    // One contract signed online by both sides; its text verifies.
    const signed = await all(admin, `/labour/contracts?org_id=${wushan.id}&state=signed`);
    assert.equal(signed.length, 1);
    const detail = (await admin.get(`/labour/contracts/${signed[0].id}`)).body;
    assert.deepEqual(detail.signatures.filter((s) => !s.void).map((s) => s.side).sort(), ['employer', 'worker']);
    const text = await admin.raw('GET', `/labour/contracts/${detail.id}/texts/${detail.texts.at(-1).id}`);
    assertStatus(text, 200);
    const verified = await anonymous(srv.url).raw('POST', `/public/verify?number=${encodeURIComponent(detail.number)}`,
      { body: Buffer.from(text.text, 'utf8'), headers: { 'Content-Type': 'text/plain' } });
    assertStatus(verified, 200);
    assert.equal(verified.body.match, true);
    // Elsewhere the figures are lower: some district keeps 厂务公开 below 100%.
    const city = (await admin.get(`/labour/rate-breakdown?year=${Y}`)).body;
    const affairs = city.rows.filter((r) => !r.own).map((r) => r.rates.find((x) => x.key === 'factory_affairs'));
    assert.ok(affairs.some((r) => r.denominator > 0 && r.rate < 1));
  });
});
