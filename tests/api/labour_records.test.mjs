// The labour-relations records besides contracts: consultation meetings (新业态 ones apart),
// mediation cases (deadline, extension, closing states, masked PII), guidance visits on the
// configurable checklist, training sessions with counts as written, framework documents — and
// scope for all of them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { login, startServer } from './harness.mjs';
import { addDays, assertDenied, assertError, assertStatus, createEnterprise, badIdNumber, createUnion, findOrg, idNumber, listAll, randomCreditCode, randomPhone, daysAgo, todayInChina, uniq } from './util.mjs';

let srv, admin, nanan, yuzhong, viewer, nananOrg;

const today = todayInChina;
const ago = daysAgo;
const all = async (client, p) => (await listAll(client, p)).items;

const enterprise = createEnterprise;

before(async () => {
  srv = await startServer();
  [admin, nanan, yuzhong, viewer] = await Promise.all(['admin', 'nanan', 'yuzhong', 'viewer'].map((u) => login(srv.url, u)));
  nananOrg = await findOrg(nanan, '南岸区总工会');
});

after(async () => {
  await srv?.stop();
});

describe('consultation meetings', () => {
  it('counts a consultation with a platform company as 新业态, and lists them apart', async () => {
    const platform = await enterprise(nanan, nananOrg.id, { kind: 'platform', name: uniq('外卖平台公司') });
    const res = await nanan.post('/labour/consultations', {
      title: uniq('外卖骑手权益集体协商'), held_on: ago(3), enterprise_id: platform.id,
      worker_side: '骑手代表', employer_side: '平台公司', topics: ['劳动报酬', '休息休假'], outcome: '达成一致',
    });
    assertStatus(res, 201);
    assert.equal(res.body.new_forms, true);
    assert.equal(res.body.enterprise_name, platform.name);
    assert.deepEqual(res.body.topics, ['劳动报酬', '休息休假']);
    const plain = await nanan.post('/labour/consultations', { title: uniq('工资集体协商'), held_on: ago(2) });
    assertStatus(plain, 201);
    assert.equal(plain.body.new_forms, false);
    assert.equal(plain.body.org_id, nananOrg.id);
    const newForms = await all(nanan, '/labour/consultations?new_forms=true');
    assert.ok(newForms.some((c) => c.id === res.body.id));
    assert.ok(!newForms.some((c) => c.id === plain.body.id));
    assertError(await nanan.get('/labour/consultations?new_forms=yes'), 422, 'invalid_argument', 'new_forms');
  });

  it("lists a contract's meetings by contract_id", async () => {
    const union = await createUnion(nanan, nananOrg.id);
    const ent = await enterprise(nanan, union.id, { union_org_id: union.id });
    const contract = await nanan.post('/labour/contracts', {
      org_id: union.id, kind: 'comprehensive', title: uniq('集体合同'), employer_enterprise_id: ent.id,
      term_from: today(), term_to: addDays(today(), 730), offered_on: today(), offered_by: 'worker',
    });
    assertStatus(contract, 201);
    const ids = [];
    for (const day of [5, 4]) {
      const m = await nanan.post('/labour/consultations', { org_id: union.id, title: uniq('第一轮协商'), held_on: ago(day), contract_id: contract.body.id });
      assertStatus(m, 201);
      assert.equal(m.body.contract_id, contract.body.id);
      ids.push(m.body.id);
    }
    assertStatus(await nanan.post('/labour/consultations', { org_id: union.id, title: uniq('其他协商'), held_on: ago(3) }), 201);
    const listed = await nanan.get(`/labour/consultations?contract_id=${contract.body.id}`);
    assertStatus(listed, 200);
    assert.deepEqual(listed.body.items.map((c) => c.id), [ids[1], ids[0]]);
    assert.equal(listed.body.total, 2);
    // Another county's cadre filtering on it sees nothing of nanan's.
    assert.equal((await yuzhong.get(`/labour/consultations?contract_id=${contract.body.id}`)).body.total, 0);
    assertError(await nanan.get('/labour/consultations?contract_id=abc'), 422, 'invalid_argument', 'contract_id');
  });

  it('checks the whole record on create and on edit', async () => {
    assertError(await nanan.post('/labour/consultations', { held_on: ago(1) }), 422, 'invalid_argument', 'title');
    assertError(await nanan.post('/labour/consultations', { title: 'x', held_on: addDays(today(), 1) }), 422, 'invalid_argument', 'held_on');
    assertError(await nanan.post('/labour/consultations', { title: 'x', held_on: ago(1), contract_id: 999999999 }), 404, 'not_found', 'contract_id');
    const c = await nanan.post('/labour/consultations', { title: uniq('协商'), held_on: ago(1) });
    const patched = await nanan.patch(`/labour/consultations/${c.body.id}`, { outcome: '形成纪要' });
    assertStatus(patched, 200);
    assert.equal(patched.body.outcome, '形成纪要');
    assert.equal(patched.body.title, c.body.title);
    assertError(await nanan.patch(`/labour/consultations/${c.body.id}`, { held_on: addDays(today(), 2) }), 422, 'invalid_argument', 'held_on');
    assertError(await nanan.patch(`/labour/consultations/${c.body.id}`, { org_id: 1 }), 422, 'invalid_argument', 'org_id');
  });
});

describe('mediation cases', () => {
  const body = (over = {}) => ({
    accepted_on: today(), dispute_type: 'wages', applicant_name: '李某', applicant_phone: randomPhone(),
    applicant_id_number: idNumber(), respondent: '重庆某建筑公司', claim: '支付拖欠工资', amount_fen: 1_200_000, ...over,
  });

  it('is due within 15 days of acceptance, stands out when overdue, and masks the applicant', async () => {
    const fresh = await nanan.post('/labour/mediations', body());
    assertStatus(fresh, 201);
    assert.equal(fresh.body.state, 'accepted');
    assert.equal(fresh.body.due_on, addDays(today(), 15));
    assert.equal(fresh.body.overdue, false);
    assert.match(fresh.body.case_no, /^TJ\d{4}-\d{6}$/);
    assert.match(fresh.body.applicant_phone, /^\d{3}\*{4}\d{4}$/);
    assert.match(fresh.body.applicant_id_number, /^\d{6}\*{8}\d{3}[\dX]$/);
    const phone = randomPhone();
    const late = await nanan.post('/labour/mediations', body({ accepted_on: ago(16), applicant_phone: phone }));
    assert.equal(late.body.overdue, true);
    const overdue = await all(nanan, '/labour/mediations?overdue=true');
    assert.ok(overdue.some((c) => c.id === late.body.id));
    assert.ok(!overdue.some((c) => c.id === fresh.body.id));
    // The list masks as well; an admin holding member:pii:read sees the number.
    const listed = (await all(nanan, '/labour/mediations')).find((c) => c.id === late.body.id);
    assert.notEqual(listed.applicant_phone, phone);
    assert.equal((await admin.get(`/labour/mediations/${late.body.id}`)).body.applicant_phone, phone);
    // Extending needs both sides' agreement and a later date.
    assertError(await nanan.post(`/labour/mediations/${late.body.id}/extend`, { due_on: addDays(today(), 10) }), 422, 'invalid_argument', 'both_agree');
    assertError(await nanan.post(`/labour/mediations/${late.body.id}/extend`, { due_on: ago(20), both_agree: true }), 422, 'invalid_argument', 'due_on');
    const extended = await nanan.post(`/labour/mediations/${late.body.id}/extend`, { due_on: addDays(today(), 10), both_agree: true });
    assertStatus(extended, 200);
    assert.equal(extended.body.overdue, false);
    assert.equal(extended.body.extended, true);
  });

  it('closes as settled, failed then referred to arbitration, or withdrawn — and nothing moves after', async () => {
    const a = (await nanan.post('/labour/mediations', body())).body;
    assertError(await nanan.post(`/labour/mediations/${a.id}/settle`, { outcome: '协议' }), 409, 'failed_precondition', 'state');
    assertStatus(await nanan.post(`/labour/mediations/${a.id}/start`, {}), 200);
    assertError(await nanan.post(`/labour/mediations/${a.id}/settle`, {}), 422, 'invalid_argument', 'outcome');
    const settled = await nanan.post(`/labour/mediations/${a.id}/settle`, { outcome: '公司分两期支付12000元' });
    assert.equal(settled.body.state, 'settled');
    assert.equal(settled.body.closed_on, today());
    assert.deepEqual(settled.body.events.map((e) => e.step), ['accept', 'start', 'settle']);
    for (const s of ['start', 'settle', 'fail', 'refer', 'withdraw']) {
      assertError(await nanan.post(`/labour/mediations/${a.id}/${s}`, { outcome: 'x' }), [409, 422], undefined);
    }
    const b = (await nanan.post('/labour/mediations', body())).body;
    await nanan.post(`/labour/mediations/${b.id}/start`, {});
    assert.equal((await nanan.post(`/labour/mediations/${b.id}/fail`, { outcome: '分歧较大' })).body.state, 'failed');
    assert.equal((await nanan.post(`/labour/mediations/${b.id}/refer`, {})).body.state, 'arbitration');
    const c = (await nanan.post('/labour/mediations', body())).body;
    assert.equal((await nanan.post(`/labour/mediations/${c.id}/withdraw`, { outcome: '已自行和解' })).body.state, 'withdrawn');
    const open = await all(nanan, '/labour/mediations?state=open');
    assert.ok(!open.some((x) => [a.id, b.id, c.id].includes(x.id)));
  });

  it('refuses bad input naming the field', async () => {
    assertError(await nanan.post('/labour/mediations', body({ dispute_type: 'fun' })), 422, 'invalid_argument', 'dispute_type');
    assertError(await nanan.post('/labour/mediations', body({ applicant_phone: '12345' })), 422, 'invalid_argument', 'applicant_phone');
    assertError(await nanan.post('/labour/mediations', body({ applicant_id_number: badIdNumber(idNumber()) })), 422, 'invalid_argument', 'applicant_id_number');
    assertError(await nanan.post('/labour/mediations', body({ respondent: undefined })), 422, 'invalid_argument', 'respondent');
    assertError(await nanan.post('/labour/mediations', body({ accepted_on: addDays(today(), 1) })), 422, 'invalid_argument', 'accepted_on');
  });
});

describe('guidance visits', () => {
  it('scores the checklist items, 0 to 5 each', async () => {
    const items = await nanan.get('/labour/visit-items');
    assertStatus(items, 200);
    assert.deepEqual(items.body.items.map((i) => i.label), ['服务', '维权', '帮扶', '宣传', '调解']);
    const union = await createUnion(nanan, nananOrg.id);
    const res = await nanan.post('/labour/visits', {
      title: uniq('基层工会规范化建设调研'), visited_on: ago(1), target_org_id: union.id, scores: { service: 5, rights: 4, mediation: 3 },
    });
    assertStatus(res, 201);
    assert.equal(res.body.score_total, 12);
    assert.equal(res.body.target_org_name, union.name);
    assertError(await nanan.post('/labour/visits', { title: 'x', visited_on: ago(1), scores: { service: 6 } }), 422, 'invalid_argument', 'scores');
    assertError(await nanan.post('/labour/visits', { title: 'x', visited_on: ago(1), scores: { cooking: 1 } }), 422, 'invalid_argument', 'scores');
    const yz = await findOrg(yuzhong, '渝中区总工会');
    assertError(await nanan.post('/labour/visits', { title: 'x', visited_on: ago(1), target_org_id: yz.id }), 404, 'not_found', 'target_org_id');
  });

  it('lets only the city change the checklist, and keeps items in use', async () => {
    const items = (await admin.get('/labour/visit-items')).body.items;
    assertError(await nanan.put('/labour/visit-items', { items }), 403, 'permission_denied');
    const withNew = [...items, { key: 'safety', label: '安全生产', active: true }];
    const res = await admin.put('/labour/visit-items', { items: withNew });
    assertStatus(res, 200);
    assert.equal(res.body.items.at(-1).label, '安全生产');
    await nanan.post('/labour/visits', { title: uniq('调研'), visited_on: ago(1), scores: { safety: 2 } });
    assertError(await admin.put('/labour/visit-items', { items }), 409, 'failed_precondition', 'items');
    const off = await admin.put('/labour/visit-items', { items: [...items, { key: 'safety', label: '安全生产', active: false }] });
    assertStatus(off, 200);
    assertError(await nanan.post('/labour/visits', { title: 'x', visited_on: ago(1), scores: { safety: 2 } }), 422, 'invalid_argument', 'scores');
  });
});

describe('training sessions', () => {
  it('keeps each group\'s count as written and sums them', async () => {
    const res = await nanan.post('/labour/trainings', {
      title: uniq('集体协商能力提升培训'), held_from: ago(10), held_to: ago(9),
      groups: [{ group: '集体协商指导员', count: '300余人' }, { group: '社会化工作者', count: 200 }, { group: '职工代表', count: '近500名' }],
      partners: [nananOrg.id],
    });
    assertStatus(res, 201);
    assert.equal(res.body.total, 1000);
    assert.deepEqual(res.body.groups.map((g) => g.as_written), ['300余人', '200人', '近500名']);
    assert.deepEqual(res.body.partners, [{ id: nananOrg.id, name: '南岸区总工会' }]);
    assertError(await nanan.post('/labour/trainings', { title: 'x', held_from: ago(1), groups: [] }), 422, 'invalid_argument', 'groups');
    assertError(await nanan.post('/labour/trainings', { title: 'x', held_from: ago(1), groups: [{ group: '职工代表', count: '很多人' }] }), 422, 'invalid_argument', 'groups[0].count');
    assertError(await nanan.post('/labour/trainings', { title: 'x', held_from: ago(1), held_to: ago(2), groups: [{ group: 'a', count: 1 }] }), 422, 'invalid_argument', 'held_to');
    // An edit keeps the groups as written.
    const patched = await nanan.patch(`/labour/trainings/${res.body.id}`, { note: '线上线下结合' });
    assertStatus(patched, 200);
    assert.deepEqual(patched.body.groups, res.body.groups);
    assert.equal(patched.body.total, 1000);
  });
});

describe('framework documents', () => {
  it('records title, issuer, date and kind, filterable by kind and year', async () => {
    const year = Number(today().slice(0, 4));
    const res = await nanan.post('/labour/documents', {
      title: uniq('关于加强新就业形态劳动者权益保障的实施意见'), doc_number: '南岸工发〔2026〕5号', kind: 'opinion',
      issuer: '南岸区总工会、南岸区人力资源和社会保障局', issued_on: ago(5),
    });
    assertStatus(res, 201);
    const opinions = await all(nanan, `/labour/documents?type=opinion&year=${Number(ago(5).slice(0, 4))}`);
    assert.ok(opinions.some((d) => d.id === res.body.id));
    const notices = await all(nanan, '/labour/documents?type=notice');
    assert.ok(!notices.some((d) => d.id === res.body.id));
    assert.ok(year > 2000);
    assertError(await nanan.post('/labour/documents', { title: 'x', kind: 'law', issuer: 'x', issued_on: ago(1) }), 422, 'invalid_argument', 'kind');
    assertError(await nanan.post('/labour/documents', { title: 'x', kind: 'plan', issuer: 'x', issued_on: ago(1), partners: [999999999] }), 422, 'invalid_argument', 'partners');
  });
});

describe('scope of the records', () => {
  it('keeps each district\'s records from another district', async () => {
    const made = {
      consultations: await nanan.post('/labour/consultations', { title: uniq('协商'), held_on: ago(1) }),
      mediations: await nanan.post('/labour/mediations', { accepted_on: today(), dispute_type: 'other', applicant_name: '王某', respondent: '某公司', claim: '补缴社保' }),
      visits: await nanan.post('/labour/visits', { title: uniq('调研'), visited_on: ago(1) }),
      trainings: await nanan.post('/labour/trainings', { title: uniq('培训'), held_from: ago(1), groups: [{ group: '职工代表', count: 30 }] }),
      documents: await nanan.post('/labour/documents', { title: uniq('文件'), kind: 'plan', issuer: '南岸区总工会', issued_on: ago(1) }),
    };
    for (const [kind, res] of Object.entries(made)) {
      assertStatus(res, 201, kind);
      assertDenied(await yuzhong.get(`/labour/${kind}/${res.body.id}`), `${kind} detail`);
      const theirs = await all(yuzhong, `/labour/${kind}`);
      assert.ok(!theirs.some((x) => x.id === res.body.id), `${kind} list`);
      assertStatus(await viewer.get(`/labour/${kind}/${res.body.id}`), 200, `viewer reads ${kind}`);
    }
    assertDenied(await yuzhong.patch(`/labour/consultations/${made.consultations.body.id}`, { outcome: 'x' }), 'patch');
    assertDenied(await yuzhong.post(`/labour/mediations/${made.mediations.body.id}/start`, {}), 'mediation step');
    assertError(await viewer.post('/labour/consultations', { title: 'x', held_on: ago(1) }), 403, 'permission_denied');
  });
});
