// 劳动关系 endpoints (docs/api.md § 劳动关系 (labour relations)): collective contracts with their
// negotiators, texts, lifecycle steps and online signing; the public signing and verification;
// consultations, visits, trainings, documents, mediation cases; the rates and their units.
import { API_BASE, http } from './http';
import type {
  Consultation,
  ConsultationQuery,
  ConsultationWrite,
  Contract,
  ContractPatch,
  ContractQuery,
  ContractSide,
  ContractStep,
  ContractStepBody,
  ContractWrite,
  LabourDocument,
  LabourDocumentQuery,
  LabourDocumentWrite,
  LabourRates,
  LabourRecordQuery,
  Mediation,
  MediationQuery,
  MediationStep,
  MediationStepBody,
  MediationWrite,
  Negotiator,
  Page,
  PublicSigned,
  PublicSigning,
  RateBreakdown,
  RateSettings,
  RatesQuery,
  RateUnits,
  RateUnitsQuery,
  RenewalWrite,
  SignLinkCreated,
  Training,
  TrainingWrite,
  VerifyResult,
  Visit,
  VisitItem,
  VisitItems,
  VisitWrite,
} from './types';

// ---- collective contracts ----

/** `type` a kind, `state` the state of today, `overdue=filing|publish`. */
export function listContracts(query: ContractQuery = {}): Promise<Page<Contract>> {
  return http.get<Page<Contract>>('/labour/contracts', query);
}

export function getContract(id: number): Promise<Contract> {
  return http.get<Contract>(`/labour/contracts/${id}`);
}

/** 201 in `offer`; 422 `org_id` when the employer has a union of its own, 404 `enterprise_ids`. */
export function createContract(body: ContractWrite): Promise<Contract> {
  return http.post<Contract>('/labour/contracts', body);
}

/** While offer or negotiating (409 `state` after); `note` alone at any time. */
export function updateContract(id: number, body: ContractPatch): Promise<Contract> {
  return http.patch<Contract>(`/labour/contracts/${id}`, body);
}

/** Replaces the list; 422 `negotiators` naming the rule, or `negotiators[i].field`. */
export function putNegotiators(id: number, negotiators: Negotiator[]): Promise<Contract> {
  return http.put<Contract>(`/labour/contracts/${id}/negotiators`, { negotiators });
}

export function addTypedText(id: number, text: string): Promise<Contract> {
  return http.post<Contract>(`/labour/contracts/${id}/texts`, { text });
}

/** The PDF or DOCX as the body (422 `file` when its bytes are neither). */
export function uploadTextFile(id: number, file: File): Promise<Contract> {
  return http.post<Contract>(`/labour/contracts/${id}/texts/file`, file, { query: { name: file.name } });
}

/** A dated step; 409 `state` when the contract's state does not allow it. */
export function contractStep(id: number, step: ContractStep, body: ContractStepBody = {}): Promise<Contract> {
  return http.post<Contract>(`/labour/contracts/${id}/${step}`, body);
}

/** 201: the new contract in `offer`, linked by `predecessor_id`. */
export function renewContract(id: number, body: RenewalWrite): Promise<Contract> {
  return http.post<Contract>(`/labour/contracts/${id}/renewal`, body);
}

/** The caller signs the workers' side over the text with this SHA-256. */
export function signContract(id: number, sha256: string): Promise<Contract> {
  return http.post<Contract>(`/labour/contracts/${id}/signatures`, { side: 'worker', sha256 });
}

export function createSignLink(id: number, body: { side: ContractSide; signer_name: string; hours?: number }): Promise<SignLinkCreated> {
  return http.post<SignLinkCreated>(`/labour/contracts/${id}/sign-links`, body);
}

// ---- public signing and verification (no session) ----

/** 404 for an unknown token, 409 field `token` for a used or expired one. */
export function getPublicSigning(token: string): Promise<PublicSigning> {
  return http.get<PublicSigning>(`/public/sign/${encodeURIComponent(token)}`, undefined, { redirectOn401: false });
}

export function publicSigningTextUrl(token: string): string {
  return `${API_BASE}/public/sign/${encodeURIComponent(token)}/text`;
}

/** `signer_name` is the name the signer typed: the server checks it against the link's. */
export function signPublic(token: string, sha256: string, signerName: string): Promise<PublicSigned> {
  return http.post<PublicSigned>(`/public/sign/${encodeURIComponent(token)}`, { sha256, agree: true, signer_name: signerName }, { redirectOn401: false });
}

/** 404 for an unknown number; otherwise `match` says whether the file is the signed text. */
export function verifyFile(number: string, file: Blob): Promise<VerifyResult> {
  return http.post<VerifyResult>('/public/verify', file, { query: { number }, redirectOn401: false });
}

// ---- consultations, visits, trainings, documents ----

export function listConsultations(query: ConsultationQuery = {}): Promise<Page<Consultation>> {
  return http.get<Page<Consultation>>('/labour/consultations', query);
}

export function createConsultation(body: ConsultationWrite): Promise<Consultation> {
  return http.post<Consultation>('/labour/consultations', body);
}

export function updateConsultation(id: number, body: Partial<ConsultationWrite>): Promise<Consultation> {
  return http.patch<Consultation>(`/labour/consultations/${id}`, body);
}

export function listVisits(query: LabourRecordQuery = {}): Promise<Page<Visit>> {
  return http.get<Page<Visit>>('/labour/visits', query);
}

/** 422 `scores` for a score outside 0–max or on an inactive item. */
export function createVisit(body: VisitWrite): Promise<Visit> {
  return http.post<Visit>('/labour/visits', body);
}

export function updateVisit(id: number, body: Partial<VisitWrite>): Promise<Visit> {
  return http.patch<Visit>(`/labour/visits/${id}`, body);
}

export function getVisitItems(): Promise<VisitItems> {
  return http.get<VisitItems>('/labour/visit-items');
}

/** The city only (403 otherwise); a scored item can be deactivated, not removed (409 `items`). */
export function putVisitItems(items: VisitItem[]): Promise<VisitItems> {
  return http.put<VisitItems>('/labour/visit-items', { items });
}

export function listTrainings(query: LabourRecordQuery = {}): Promise<Page<Training>> {
  return http.get<Page<Training>>('/labour/trainings', query);
}

/** A count that does not parse is 422 `groups[i].count`. */
export function createTraining(body: TrainingWrite): Promise<Training> {
  return http.post<Training>('/labour/trainings', body);
}

export function updateTraining(id: number, body: Partial<TrainingWrite>): Promise<Training> {
  return http.patch<Training>(`/labour/trainings/${id}`, body);
}

export function listDocuments(query: LabourDocumentQuery = {}): Promise<Page<LabourDocument>> {
  return http.get<Page<LabourDocument>>('/labour/documents', query);
}

export function createDocument(body: LabourDocumentWrite): Promise<LabourDocument> {
  return http.post<LabourDocument>('/labour/documents', body);
}

export function updateDocument(id: number, body: Partial<LabourDocumentWrite>): Promise<LabourDocument> {
  return http.patch<LabourDocument>(`/labour/documents/${id}`, body);
}

// ---- mediation cases ----

export function listMediations(query: MediationQuery = {}): Promise<Page<Mediation>> {
  return http.get<Page<Mediation>>('/labour/mediations', query);
}

export function getMediation(id: number): Promise<Mediation> {
  return http.get<Mediation>(`/labour/mediations/${id}`);
}

/** 201 in `accepted`, due 15 days after acceptance. */
export function createMediation(body: MediationWrite): Promise<Mediation> {
  return http.post<Mediation>('/labour/mediations', body);
}

/** 409 `state` when the case's state does not allow the step; `extend` needs `both_agree`. */
export function mediationStep(id: number, step: MediationStep, body: MediationStepBody = {}): Promise<Mediation> {
  return http.post<Mediation>(`/labour/mediations/${id}/${step}`, body);
}

// ---- rates ----

export function getRates(query: RatesQuery = {}): Promise<LabourRates> {
  return http.get<LabourRates>('/labour/rates', query);
}

export function getRateBreakdown(query: RatesQuery = {}): Promise<RateBreakdown> {
  return http.get<RateBreakdown>('/labour/rate-breakdown', query);
}

/** The units behind a figure; `total` is the figure. */
export function getRateUnits(query: RateUnitsQuery): Promise<RateUnits> {
  return http.get<RateUnits>('/labour/rate-units', query);
}

export function getRateSettings(): Promise<RateSettings> {
  return http.get<RateSettings>('/labour/rate-settings');
}

/** The city only (403 otherwise). */
export function putRateSettings(body: Partial<RateSettings>): Promise<RateSettings> {
  return http.put<RateSettings>('/labour/rate-settings', body);
}
