// Labour relations (劳动关系, SPEC §3.4): collective contracts under 重庆市集体
// 合同条例, with their negotiators, text versions, timeline and online
// signing (signing.cc); consultation meetings, guidance visits, training and
// framework documents (records.cc); labour-dispute mediation cases with their
// own state machine (mediation.cc).
// docs/api.md "劳动关系 (labour)" is the wire contract; rules.h holds the pure
// rules (the transition table is rules.h Next()).
//
// A contract belongs to its union side (org_id, a union in the caller's
// scope): a contract outside the caller's subtree is 404 in every read and
// write. Its employer side is an enterprise of the census in scope, or — for
// 区域性 and 行业性 contracts — an employer-representative organisation
// (employer_rep) with the list of covered enterprises, all in scope.
//
// The lifecycle, enforced in contract.cc and nowhere else (anything not
// listed is 409 failed_precondition naming the step):
//
//   create {offered_on, offered_by}        → offer (要约)
//   negotiate                 offer → negotiating (协商)      needs a valid negotiator list
//   submit                    negotiating → congress (职代会审议)  needs a text version
//   vote {total, attendees, votes_for, votes_against, voted_on}
//                             congress → congress when it passes (more than half of all the
//                             representatives — of all the workers for 区域性/行业性 — for it,
//                             at least two thirds present); → negotiating when it fails
//   sign {signed_on}          congress with a passed vote → signed (签订)
//   file {filed_on}           signed → filed (报送人社审查); due within 10 days of signing:
//                             `filing_overdue` until filed
//   object {on, reason}       filed, before taking effect → negotiating: the labour authority's
//                             objection; the vote and signing are void, the draft is negotiated
//                             again
//   (automatic)               filed → effective (生效) on filed_on + 15 days, read from the dates
//   publish {published_on}    effective → published (公布); due within 10 days of taking effect:
//                             `publish_overdue` until published
//   (automatic)               effective | published → expired (到期) the day after term_to
//   abandon {on, reason}      offer | negotiating | congress → abandoned (终止协商)
//   renew                     POST /labour/contracts/{id}/renewal: a new contract in offer
//                             linked to this one (predecessor_id), allowed from
//                             term_to − 3 months while effective or published, and when
//                             expired; at most one renewal that is not abandoned
//
// Edits (PATCH): parties, workforce, term and title while offer or
// negotiating; the note at any time. Negotiators (PUT …/negotiators) while
// offer or negotiating, checked whole on every write (rules.h
// CheckNegotiators) and again when the workforce changes. Text versions
// (POST …/texts) while offer, negotiating or congress; a new text in congress
// voids the vote (the congress must see the text it approves).
//
// Every step is dated (the day it happened, not after today, not before the
// step before it), writes a labour_contract_event row (the timeline) and an
// audit row. The term is checked softly: under one or over three years is a
// warning in the response, not a refusal. 工资专项 contracts are negotiated
// every year: GET /labour/wage-due lists the unions in scope whose newest
// signed wage contract was signed more than a year ago.
#pragma once

#include "api/api.h"

namespace gonghui::labour {

// /labour/contracts…, /labour/wage-due, /labour/consultations…, /labour/visits…,
// /labour/visit-items, /labour/trainings…, /labour/documents…, /labour/mediations…,
// /public/sign/{token}…, /public/verify.
void RegisterRoutes(api::Api& api);

}  // namespace gonghui::labour
