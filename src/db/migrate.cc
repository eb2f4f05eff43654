#include "db/migrate.h"

#include <ctime>
#include <string>
#include <vector>

#include "campaign/campaign.h"
#include "labour/tally.h"
#include "org/count.h"
#include "search/index.h"

namespace gonghui::db {
namespace {

// `sql` runs on both backends, then the backend's own script if any, then
// `code` — a data step that needs C++ (migration 5 tokenizes the existing work
// records into the search index).
struct Migration {
  int version;
  const char* name;
  const char* sql;
  const char* sqlite_sql = nullptr;
  const char* postgres_sql = nullptr;
  Status (*code)(Tx&) = nullptr;
};

// Times are unix seconds (BIGINT); calendar dates are 'YYYY-MM-DD' text, which
// sorts and compares the same on both backends; money is BIGINT fen; booleans
// are INTEGER 0/1.
const Migration kMigrations[] = {
    {1, "foundation", R"SQL(
CREATE TABLE org (
  id {ID},
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  code TEXT,
  parent_id BIGINT REFERENCES org(id),
  industry_parent_id BIGINT REFERENCES org(id),
  is_partner INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX org_parent ON org(parent_id);
CREATE INDEX org_industry_parent ON org(industry_parent_id);
CREATE INDEX org_name ON org(name);
CREATE INDEX org_code ON org(code);

-- Every (ancestor, descendant) pair on each axis ('t' territorial, 'i'
-- industry), the org itself included at depth 0. The root is an ancestor of
-- every org on both axes, so both roll-ups agree at the top.
CREATE TABLE org_closure (
  ancestor_id BIGINT NOT NULL,
  axis TEXT NOT NULL,
  descendant_id BIGINT NOT NULL,
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, axis, descendant_id)
) {WITHOUT_ROWID};
CREATE INDEX org_closure_descendant ON org_closure(descendant_id, axis, ancestor_id);

CREATE TABLE org_move (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  axis TEXT NOT NULL,
  from_parent_id BIGINT,
  to_parent_id BIGINT,
  user_id BIGINT,
  at BIGINT NOT NULL
);
CREATE INDEX org_move_org ON org_move(org_id);

CREATE TABLE enterprise (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  credit_code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  industry TEXT NOT NULL DEFAULT '',
  employees BIGINT NOT NULL DEFAULT 0,
  union_org_id BIGINT REFERENCES org(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX enterprise_org ON enterprise(org_id);
CREATE TABLE enterprise_flag (
  enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
  year INTEGER NOT NULL,
  factory_affairs_open INTEGER NOT NULL DEFAULT 0,
  workers_congress INTEGER NOT NULL DEFAULT 0,
  evidence TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (enterprise_id, year)
);

CREATE TABLE app_user (
  id {ID},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX user_session_user ON user_session(user_id);

CREATE TABLE member (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  id_number_cipher TEXT NOT NULL,
  id_number_hash TEXT NOT NULL,
  id_number_masked TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT NOT NULL,
  phone_cipher TEXT NOT NULL DEFAULT '',
  phone_masked TEXT NOT NULL DEFAULT '',
  employer TEXT NOT NULL DEFAULT '',
  join_date TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  tags TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX member_org ON member(org_id, id);
CREATE UNIQUE INDEX member_id_number ON member(id_number_hash);
CREATE INDEX member_name ON member(name);

CREATE TABLE member_child (
  id {ID},
  member_id BIGINT NOT NULL REFERENCES member(id),
  name TEXT NOT NULL,
  birth_date TEXT NOT NULL
);
CREATE INDEX member_child_member ON member_child(member_id);

CREATE TABLE member_transfer (
  id {ID},
  member_id BIGINT NOT NULL REFERENCES member(id),
  from_org_id BIGINT NOT NULL,
  to_org_id BIGINT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  user_id BIGINT,
  at BIGINT NOT NULL
);
CREATE INDEX member_transfer_member ON member_transfer(member_id);

CREATE TABLE activity (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  day_part TEXT NOT NULL DEFAULT '',
  participants_count BIGINT,
  participants_qualifier TEXT NOT NULL DEFAULT '',
  participants_unit TEXT NOT NULL DEFAULT '',
  beneficiaries_total BIGINT NOT NULL DEFAULT 0,
  money_total_fen BIGINT NOT NULL DEFAULT 0,
  detail TEXT NOT NULL DEFAULT '{}',
  body TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE INDEX activity_by_org ON activity(org_id, start_date);

CREATE TABLE activity_org (
  activity_id BIGINT NOT NULL REFERENCES activity(id),
  role TEXT NOT NULL,
  position INTEGER NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  PRIMARY KEY (activity_id, role, position)
);
CREATE INDEX activity_org_org ON activity_org(org_id);

-- One row per live activity and per ancestor of its org on each axis: a
-- subtree's newest records are one index range scan, whatever its size.
CREATE TABLE activity_scope (
  ancestor_id BIGINT NOT NULL,
  axis TEXT NOT NULL,
  start_date TEXT NOT NULL,
  activity_id BIGINT NOT NULL,
  PRIMARY KEY (ancestor_id, axis, start_date, activity_id)
) {WITHOUT_ROWID};
CREATE INDEX activity_scope_activity ON activity_scope(activity_id);

CREATE TABLE audit_log (
  id {ID},
  at BIGINT NOT NULL,
  user_id BIGINT,
  username TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  org_id BIGINT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);
)SQL"},
    {2, "data_version", R"SQL(
-- Counters bumped by every write that can change a cached answer (api/cache.h).
CREATE TABLE data_version (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_version (name, version) VALUES ('activity', 0);
INSERT INTO data_version (name, version) VALUES ('org', 0);
)SQL"},
    {3, "photo", R"SQL(
-- Uploaded images (JPEG, PNG, WebP), base64 in the database so every instance
-- sharing it serves them; records refer to them by id.
CREATE TABLE photo (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX photo_org ON photo(org_id);
)SQL"},
    {4, "news_bulletin", R"SQL(
-- News items (信息报送, SPEC §3.2). state: draft → submitted → returned →
-- resubmitted → adopted | declined (news/news.h has the whole machine).
CREATE TABLE news_item (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  event_date TEXT NOT NULL,
  state TEXT NOT NULL,
  photos TEXT NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  bulletin_id BIGINT,
  section TEXT,
  points INTEGER NOT NULL DEFAULT 0,
  adopted_on TEXT,
  submitted_at BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX news_item_org ON news_item(org_id, updated_at);
CREATE INDEX news_item_state ON news_item(state, submitted_at);
CREATE INDEX news_item_adopted ON news_item(adopted_on);
CREATE TABLE news_activity (
  news_id BIGINT NOT NULL REFERENCES news_item(id),
  position INTEGER NOT NULL,
  activity_id BIGINT NOT NULL REFERENCES activity(id),
  PRIMARY KEY (news_id, position)
);
-- The timeline: one row per transition (and per edit), with the editor's comment.
CREATE TABLE news_event (
  id {ID},
  news_id BIGINT NOT NULL REFERENCES news_item(id),
  at BIGINT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  bulletin_id BIGINT,
  section TEXT
);
CREATE INDEX news_event_item ON news_event(news_id, id);

-- The configurable sections of 一周动态: order, layout (article or ◆ brief) and
-- the adoption points an item earns in it.
CREATE TABLE bulletin_section_def (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  style TEXT NOT NULL,
  points INTEGER NOT NULL
);
INSERT INTO bulletin_section_def (name, position, style, points) VALUES ('要闻', 0, 'article', 10);
INSERT INTO bulletin_section_def (name, position, style, points) VALUES ('工作动态', 1, 'article', 6);
INSERT INTO bulletin_section_def (name, position, style, points) VALUES ('创新案例', 2, 'article', 8);
INSERT INTO bulletin_section_def (name, position, style, points) VALUES ('基层动态', 3, 'brief', 3);
INSERT INTO bulletin_section_def (name, position, style, points) VALUES ('专题', 4, 'article', 5);

-- An issue of the bulletin. The working copy is bulletin + bulletin_entry;
-- each publish freezes it as a bulletin_version (JSON), never changed again.
CREATE TABLE bulletin (
  id {ID},
  year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  sections TEXT NOT NULL,
  published_version INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (year, number)
);
CREATE TABLE bulletin_entry (
  id {ID},
  bulletin_id BIGINT NOT NULL REFERENCES bulletin(id),
  section TEXT NOT NULL,
  position INTEGER NOT NULL,
  style TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  org_id BIGINT REFERENCES org(id),
  news_id BIGINT REFERENCES news_item(id),
  activity_id BIGINT REFERENCES activity(id)
);
CREATE INDEX bulletin_entry_bulletin ON bulletin_entry(bulletin_id, position);
CREATE TABLE bulletin_version (
  bulletin_id BIGINT NOT NULL REFERENCES bulletin(id),
  version INTEGER NOT NULL,
  published_at BIGINT NOT NULL,
  published_by BIGINT,
  content TEXT NOT NULL,
  PRIMARY KEY (bulletin_id, version)
);
)SQL"},
    {5, "search",
     R"SQL(
-- Full-text search (search/index.h): one row per document. id is the rank key
-- (date, kind, ref_id in one integer), so matches come newest first from the
-- index itself; scope holds the lexemes that filter it (O<org> for the org and
-- its ancestors on both axes, ALL for everyone, K<KIND>); body is the indexed
-- prefix of the text, for highlighting.
CREATE TABLE search_doc (
  id {INT_KEY},
  kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  everyone INTEGER NOT NULL DEFAULT 0,
  date TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  scope TEXT NOT NULL,
  UNIQUE (ref_id, kind)
);
)SQL",
     R"SQL(
-- The tokens, written by C++ (search/tokenize.h) as space-separated slots the
-- ascii tokenizer reads back one by one; contentless, rowid = search_doc.id.
CREATE VIRTUAL TABLE search_fts USING fts5(title, body, scope, content='', tokenize='ascii', columnsize=0);
-- Up to 64 MiB of a transaction's tokens are sorted in memory before they are
-- written as a segment (default 1 MiB): bulk loads run twice as fast.
INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 67108864);
)SQL",
     R"SQL(
-- The tokens as a tsvector built by C++ (search/tokenize.h): title weighted A,
-- body B, the scope lexemes without positions.
ALTER TABLE search_doc ADD COLUMN tsv tsvector NOT NULL;
-- (search.cc BulkIndexer builds the index anew after a big load.)
CREATE INDEX search_doc_tsv ON search_doc USING gin (tsv);
-- Rows stay whole up to 8 kB (default: about 2 kB, which sent most tsvectors
-- to the TOAST table): reading a row's tsvector is then one page, and the
-- scans that check it row by row run two to three times faster.
ALTER TABLE search_doc SET (toast_tuple_target = 8160);
)SQL",
     search::IndexAllActivities},
    {6, "childcare", R"SQL(
-- 爱心托管班 (childcare/childcare.h). staff and courses are JSON arrays kept
-- with the class; enrolled, served and subsidy_fen are counters kept by the
-- writes so that the statistics read one row per class.
CREATE TABLE childcare_class (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  build_mode TEXT NOT NULL,
  operation_mode TEXT NOT NULL,
  partner TEXT NOT NULL DEFAULT '',
  site TEXT NOT NULL,
  term TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  age_min INTEGER NOT NULL,
  age_max INTEGER NOT NULL,
  fee_fen BIGINT NOT NULL DEFAULT 0,
  priority_tags TEXT NOT NULL DEFAULT '',
  staff TEXT NOT NULL DEFAULT '[]',
  courses TEXT NOT NULL DEFAULT '[]',
  grade TEXT NOT NULL DEFAULT 'none',
  graded_year INTEGER,
  enrolled INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  subsidy_fen BIGINT NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX childcare_class_org ON childcare_class(org_id, start_date);

-- A child (by parent and name: member_child rows are replaced on every edit
-- of a member) in a class: enrolled, waiting or withdrawn.
CREATE TABLE childcare_enrolment (
  id {ID},
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  member_id BIGINT NOT NULL REFERENCES member(id),
  child_name TEXT NOT NULL,
  child_birth_date TEXT NOT NULL,
  status TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  requested_at BIGINT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX childcare_enrolment_child ON childcare_enrolment(class_id, member_id, child_name);
CREATE INDEX childcare_enrolment_member ON childcare_enrolment(member_id);

-- One row per child enrolled on a recorded day.
CREATE TABLE childcare_attendance (
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  day TEXT NOT NULL,
  enrolment_id BIGINT NOT NULL REFERENCES childcare_enrolment(id),
  present INTEGER NOT NULL,
  PRIMARY KEY (class_id, day, enrolment_id)
);

CREATE TABLE childcare_evaluation (
  id {ID},
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  year INTEGER NOT NULL,
  state TEXT NOT NULL,
  district_org_id BIGINT REFERENCES org(id),
  grade TEXT,
  comment TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (class_id, year)
);
CREATE INDEX childcare_evaluation_state ON childcare_evaluation(state);

-- stage: 'self', 'district', 'city'; photos a JSON array as photo::Attach answers.
CREATE TABLE childcare_score (
  evaluation_id BIGINT NOT NULL REFERENCES childcare_evaluation(id),
  stage TEXT NOT NULL,
  standard TEXT NOT NULL,
  score INTEGER NOT NULL,
  evidence TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  user_id BIGINT,
  at BIGINT NOT NULL,
  PRIMARY KEY (evaluation_id, stage, standard)
);

CREATE TABLE childcare_evaluation_event (
  id {ID},
  evaluation_id BIGINT NOT NULL REFERENCES childcare_evaluation(id),
  at BIGINT NOT NULL,
  user_id BIGINT,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX childcare_evaluation_event_evaluation ON childcare_evaluation_event(evaluation_id);

CREATE TABLE childcare_grant (
  id {ID},
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  evaluation_id BIGINT NOT NULL REFERENCES childcare_evaluation(id),
  grade TEXT NOT NULL,
  year INTEGER NOT NULL,
  amount_fen BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  approved_by BIGINT,
  approved_at BIGINT NOT NULL
);
CREATE INDEX childcare_grant_class ON childcare_grant(class_id);

CREATE TABLE childcare_inspection (
  id {ID},
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  org_id BIGINT NOT NULL REFERENCES org(id),
  day TEXT NOT NULL,
  inspector TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX childcare_inspection_class ON childcare_inspection(class_id);

CREATE TABLE childcare_finding (
  id {ID},
  inspection_id BIGINT NOT NULL REFERENCES childcare_inspection(id),
  class_id BIGINT NOT NULL REFERENCES childcare_class(id),
  description TEXT NOT NULL,
  deadline TEXT NOT NULL,
  state TEXT NOT NULL,
  rectification TEXT NOT NULL DEFAULT '',
  photos TEXT NOT NULL DEFAULT '[]',
  rectified_by BIGINT,
  rectified_at BIGINT,
  accepted_by BIGINT,
  accepted_at BIGINT,
  comment TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX childcare_finding_inspection ON childcare_finding(inspection_id);

-- One JSON document (childcare.h: subsidy caps per grade, priority tags, pass score).
CREATE TABLE childcare_setting (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO childcare_setting (name, value) VALUES ('settings', '{"subsidy_caps_fen":{"national":5000000,"municipal":5000000,"district":1000000,"none":0},"priority_tags":["new_employment","migrant_worker"],"pass_score":60}');
)SQL"},
    {7, "programmes", R"SQL(
-- Care campaigns (campaign/campaign.h): work records report against one.
CREATE TABLE campaign (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  date_from TEXT NOT NULL,
  date_to TEXT NOT NULL,
  target_count BIGINT NOT NULL DEFAULT 0,
  target_unit TEXT NOT NULL DEFAULT '',
  target_groups TEXT NOT NULL DEFAULT '[]',
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX campaign_by_org ON campaign(org_id);
ALTER TABLE activity ADD COLUMN campaign_id BIGINT REFERENCES campaign(id);
CREATE INDEX activity_by_campaign ON activity(campaign_id, org_id);

-- Competitions (competition/competition.h): events, their categories, and
-- entries with their results.
CREATE TABLE competition (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  parent_id BIGINT REFERENCES competition(id),
  description TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX competition_by_org ON competition(org_id);
CREATE TABLE competition_category (
  id {ID},
  competition_id BIGINT NOT NULL REFERENCES competition(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  format TEXT NOT NULL,
  scoring TEXT NOT NULL,
  awards TEXT NOT NULL DEFAULT '[]',
  special_awards TEXT NOT NULL DEFAULT '[]',
  qualify_top INTEGER NOT NULL DEFAULT 0,
  UNIQUE (competition_id, name)
);
CREATE TABLE competition_entry (
  id {ID},
  competition_id BIGINT NOT NULL REFERENCES competition(id),
  category_id BIGINT NOT NULL REFERENCES competition_category(id),
  org_id BIGINT NOT NULL REFERENCES org(id),
  member_id BIGINT REFERENCES member(id),
  name TEXT NOT NULL DEFAULT '',
  team_name TEXT NOT NULL DEFAULT '',
  members TEXT NOT NULL DEFAULT '[]',
  special_awards TEXT NOT NULL DEFAULT '[]',
  score DOUBLE PRECISION,
  place BIGINT,
  qualified_from_entry_id BIGINT REFERENCES competition_entry(id),
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX competition_entry_by_category ON competition_entry(category_id);
CREATE INDEX competition_entry_by_org ON competition_entry(org_id);
-- An entry qualifies upward at most once: qualification is idempotent.
CREATE UNIQUE INDEX competition_entry_qualified ON competition_entry(qualified_from_entry_id);

-- Honours (honour/honour.h): 五一劳动奖章, 工人先锋号 … held by a person or a
-- collective of a union.
CREATE TABLE honour (
  id {ID},
  kind TEXT NOT NULL,
  level TEXT NOT NULL,
  year INTEGER NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  awardee_type TEXT NOT NULL,
  member_id BIGINT REFERENCES member(id),
  awardee_name TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  conferred_by TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX honour_by_org ON honour(org_id, year);
)SQL"},
    {8, "campaign_tally", R"SQL(
-- Campaign progress as counters (campaign/campaign.h Count): per campaign, one
-- row per org for the records of its subtree on each axis ('t', 'i') and one
-- for its own records ('o'); the items (书包, 文具 …) with the number of
-- records naming them. A progress request reads the root's and its children's
-- rows instead of every linked record.
CREATE TABLE campaign_tally (
  campaign_id BIGINT NOT NULL REFERENCES campaign(id),
  axis TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  activities BIGINT NOT NULL,
  beneficiaries BIGINT NOT NULL,
  money_fen BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, axis, org_id)
) {WITHOUT_ROWID};
CREATE TABLE campaign_tally_item (
  campaign_id BIGINT NOT NULL REFERENCES campaign(id),
  axis TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  item TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (campaign_id, axis, org_id, item)
) {WITHOUT_ROWID};
)SQL",
     nullptr, nullptr,
     [](Tx& tx) {
       campaign::RebuildTallies(tx);
       return Status::Ok();
     }},
    {9, "childcare_attendance_counters", R"SQL(
-- Present and recorded child-days of a class's attendance, counters kept by
-- the attendance writes (childcare/classes.cc) like enrolled and served, so
-- that /stats/childcare reports attendance rates from one row per class.
ALTER TABLE childcare_class ADD COLUMN attendance_present INTEGER NOT NULL DEFAULT 0;
ALTER TABLE childcare_class ADD COLUMN attendance_recorded INTEGER NOT NULL DEFAULT 0;
UPDATE childcare_class SET attendance_present = (SELECT COALESCE(SUM(a.present), 0) FROM childcare_attendance a WHERE a.class_id = childcare_class.id), attendance_recorded = (SELECT COUNT(*) FROM childcare_attendance a WHERE a.class_id = childcare_class.id);
)SQL"},
    {10, "org_closure_children", R"SQL(
-- An org's children on an axis (depth 1), asked by every per-child roll-up:
-- without it the city's children are found by reading its 61,000 closure rows
-- (PostgreSQL: 25 ms of each city statistics request).
CREATE INDEX org_closure_depth ON org_closure(ancestor_id, axis, depth);
)SQL"},
    {11, "labour_contracts", R"SQL(
-- Collective contracts (集体合同, SPEC §3.4; labour/labour.h has the state
-- machine). org_id is the union side and owns the record for scope. An
-- enterprise contract names its employer (employer_enterprise_id); a 区域性 or
-- 行业性 one names the employer-representative organisation (employer_rep) and
-- lists the enterprises it covers in labour_contract_enterprise. Dates are
-- 'YYYY-MM-DD', '' until reached. state is the stored state; 生效 on day 15
-- after filing and 到期 after the term are read from the dates (labour/rules.h
-- CurrentState), so no job has to run for them.
CREATE TABLE labour_contract (
  id {ID},
  number TEXT NOT NULL UNIQUE,
  org_id BIGINT NOT NULL REFERENCES org(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  employer_enterprise_id BIGINT REFERENCES enterprise(id),
  employer_rep TEXT NOT NULL DEFAULT '',
  workers BIGINT NOT NULL DEFAULT 0,
  women BIGINT NOT NULL DEFAULT 0,
  dispatched BIGINT NOT NULL DEFAULT 0,
  term_from TEXT NOT NULL,
  term_to TEXT NOT NULL,
  state TEXT NOT NULL,
  offered_on TEXT NOT NULL,
  offered_by TEXT NOT NULL,
  vote_total BIGINT,
  vote_attendees BIGINT,
  vote_for BIGINT,
  vote_against BIGINT,
  voted_on TEXT NOT NULL DEFAULT '',
  vote_passed INTEGER NOT NULL DEFAULT 0,
  signed_on TEXT NOT NULL DEFAULT '',
  filed_on TEXT NOT NULL DEFAULT '',
  effective_on TEXT NOT NULL DEFAULT '',
  published_on TEXT NOT NULL DEFAULT '',
  predecessor_id BIGINT REFERENCES labour_contract(id),
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_contract_org ON labour_contract(org_id, kind);
CREATE INDEX labour_contract_employer ON labour_contract(employer_enterprise_id);
CREATE INDEX labour_contract_predecessor ON labour_contract(predecessor_id);
CREATE TABLE labour_contract_enterprise (
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  enterprise_id BIGINT NOT NULL REFERENCES enterprise(id),
  PRIMARY KEY (contract_id, enterprise_id)
);
CREATE INDEX labour_contract_enterprise_by ON labour_contract_enterprise(enterprise_id);
CREATE TABLE labour_negotiator (
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  position INTEGER NOT NULL,
  side TEXT NOT NULL,
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  chief INTEGER NOT NULL DEFAULT 0,
  union_chair INTEGER NOT NULL DEFAULT 0,
  dispatched INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (contract_id, position)
);
-- Text versions: typed (data is the text) or an uploaded PDF/DOCX (data is
-- base64); sha256 is of the exact bytes (the UTF-8 text when typed).
CREATE TABLE labour_contract_text (
  id {ID},
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  version INTEGER NOT NULL,
  source TEXT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (contract_id, version)
);
-- The timeline: one row per step taken, with the day it happened.
CREATE TABLE labour_contract_event (
  id {ID},
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  step TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  on_date TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  user_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX labour_contract_event_contract ON labour_contract_event(contract_id, id);
-- Online signing (指尖上的集体合同): a party's representative signs the newest
-- text in gonghui, through their account or a single-use link (only the
-- token's hash is kept). A signature keeps who, when, from which address and
-- the SHA-256 of the text it signed; voided_at is set when the text, the vote
-- or the filing that it rests on is undone.
CREATE TABLE labour_sign_link (
  id {ID},
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  side TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX labour_sign_link_contract ON labour_sign_link(contract_id);
CREATE TABLE labour_signature (
  id {ID},
  contract_id BIGINT NOT NULL REFERENCES labour_contract(id),
  text_id BIGINT NOT NULL REFERENCES labour_contract_text(id),
  side TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  user_id BIGINT,
  link_id BIGINT REFERENCES labour_sign_link(id),
  sha256 TEXT NOT NULL,
  address TEXT NOT NULL,
  signed_at BIGINT NOT NULL,
  voided_at BIGINT,
  void_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX labour_signature_contract ON labour_signature(contract_id);
-- Collective consultation meetings (集体协商会), linked to a contract or not;
-- new_forms marks 新业态 consultations (platform companies and their riders).
CREATE TABLE labour_consultation (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  contract_id BIGINT REFERENCES labour_contract(id),
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  enterprise_id BIGINT REFERENCES enterprise(id),
  worker_side TEXT NOT NULL DEFAULT '',
  employer_side TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '[]',
  outcome TEXT NOT NULL DEFAULT '',
  minutes TEXT NOT NULL DEFAULT '',
  new_forms INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_consultation_org ON labour_consultation(org_id, held_on);
-- Labour-dispute mediation cases (劳动争议调解); the applicant's phone and ID
-- number are kept encrypted and shown masked, like members'.
CREATE TABLE labour_mediation (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  case_no TEXT NOT NULL UNIQUE,
  accepted_on TEXT NOT NULL,
  dispute_type TEXT NOT NULL,
  applicant_name TEXT NOT NULL,
  applicant_phone_cipher TEXT,
  applicant_phone_masked TEXT NOT NULL DEFAULT '',
  applicant_id_cipher TEXT,
  applicant_id_masked TEXT NOT NULL DEFAULT '',
  enterprise_id BIGINT REFERENCES enterprise(id),
  respondent TEXT NOT NULL,
  claim TEXT NOT NULL DEFAULT '',
  amount_fen BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL,
  due_on TEXT NOT NULL,
  extended INTEGER NOT NULL DEFAULT 0,
  outcome TEXT NOT NULL DEFAULT '',
  closed_on TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_mediation_org ON labour_mediation(org_id, state);
CREATE TABLE labour_mediation_event (
  id {ID},
  case_id BIGINT NOT NULL REFERENCES labour_mediation(id),
  step TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  on_date TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  user_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX labour_mediation_event_case ON labour_mediation_event(case_id, id);
-- Guidance visits (调研指导) scored on a configurable checklist.
CREATE TABLE labour_visit_item (
  item_key TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO labour_visit_item (item_key, label, position) VALUES ('service', '服务', 1);
INSERT INTO labour_visit_item (item_key, label, position) VALUES ('rights', '维权', 2);
INSERT INTO labour_visit_item (item_key, label, position) VALUES ('assistance', '帮扶', 3);
INSERT INTO labour_visit_item (item_key, label, position) VALUES ('publicity', '宣传', 4);
INSERT INTO labour_visit_item (item_key, label, position) VALUES ('mediation', '调解', 5);
CREATE TABLE labour_visit (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  visited_on TEXT NOT NULL,
  target_org_id BIGINT REFERENCES org(id),
  enterprise_id BIGINT REFERENCES enterprise(id),
  scores TEXT NOT NULL DEFAULT '{}',
  findings TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_visit_org ON labour_visit(org_id, visited_on);
-- Training sessions with attendee groups, counts as written ("1000余人").
CREATE TABLE labour_training (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  held_from TEXT NOT NULL,
  held_to TEXT NOT NULL,
  attendee_groups TEXT NOT NULL DEFAULT '[]',
  total BIGINT NOT NULL DEFAULT 0,
  partners TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_training_org ON labour_training(org_id, held_from);
-- Framework documents (制度文件) with their issuer and partners (人社局 …).
CREATE TABLE labour_document (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  doc_number TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  issuer TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  partners TEXT NOT NULL DEFAULT '[]',
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX labour_document_org ON labour_document(org_id, issued_on);
-- The configuration of the rates (labour/rates.cc): the threshold of units
-- that should have a union and the wording shown beside each figure.
CREATE TABLE labour_setting (
  setting_key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL"},
    {12, "labour_tally", R"SQL(
-- The rates of labour relations as counters (labour/tally.h): per org and
-- axis ('t', 'i'; 'o' for the org's own units), the sums of every measure by
-- enterprise kind (contract kind for the expiries) and bucket (a year for the
-- flags, a day for "in force until" and for the end of a term); and what each
-- source (an enterprise 'e', a contract 'c') last added, as JSON entries.
CREATE TABLE labour_tally (
  axis TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  measure TEXT NOT NULL,
  kind TEXT NOT NULL,
  bucket TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (axis, org_id, measure, kind, bucket)
) {WITHOUT_ROWID};
CREATE TABLE labour_tally_source (
  source TEXT NOT NULL,
  source_id BIGINT NOT NULL,
  org_id BIGINT NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (source, source_id)
);
)SQL",
     nullptr, nullptr,
     [](Tx& tx) {
       labour::RebuildTallies(tx);
       return Status::Ok();
     }},
    {13, "task_plans", R"SQL(
-- Task plans (task/task.h): a plan of an owner union, maybe citing the meeting
-- it follows; its items each carried out by a union of the owner's subtree;
-- progress reports (kind 'progress') and the evidence an item is submitted
-- with (kind 'evidence'), each with photos (JSON as photo::Attach answers) and
-- linked work records; and each item's timeline. report_due_on is the last
-- day an open item may go without a report (the last report, or the day it was
-- assigned, plus the plan's stale_days), kept so that "stale" is a comparison.
CREATE TABLE task_plan (
  id {ID},
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  activity_id BIGINT REFERENCES activity(id),
  note TEXT NOT NULL DEFAULT '',
  stale_days INTEGER NOT NULL,
  state TEXT NOT NULL,
  closed_on TEXT,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX task_plan_org ON task_plan(org_id, period_from);
CREATE INDEX task_plan_activity ON task_plan(activity_id);
CREATE TABLE task_item (
  id {ID},
  plan_id BIGINT NOT NULL REFERENCES task_plan(id),
  position INTEGER NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  title TEXT NOT NULL,
  responsible TEXT NOT NULL,
  deadline TEXT NOT NULL,
  target_count BIGINT,
  target_unit TEXT NOT NULL DEFAULT '',
  target_text TEXT NOT NULL DEFAULT '',
  achieved BIGINT,
  state TEXT NOT NULL,
  assigned_on TEXT NOT NULL,
  last_report_on TEXT,
  report_due_on TEXT NOT NULL,
  evidence_report_id BIGINT,
  completed_on TEXT,
  closed_on TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX task_item_plan ON task_item(plan_id, position);
CREATE INDEX task_item_org ON task_item(org_id, deadline);
CREATE INDEX task_item_state ON task_item(state, deadline);
CREATE TABLE task_report (
  id {ID},
  item_id BIGINT NOT NULL REFERENCES task_item(id),
  kind TEXT NOT NULL,
  on_date TEXT NOT NULL,
  text TEXT NOT NULL,
  achieved BIGINT,
  photos TEXT NOT NULL DEFAULT '[]',
  user_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX task_report_item ON task_report(item_id, id);
CREATE TABLE task_report_activity (
  report_id BIGINT NOT NULL REFERENCES task_report(id),
  activity_id BIGINT NOT NULL REFERENCES activity(id),
  PRIMARY KEY (report_id, activity_id)
);
CREATE INDEX task_report_activity_activity ON task_report_activity(activity_id);
CREATE TABLE task_item_event (
  id {ID},
  item_id BIGINT NOT NULL REFERENCES task_item(id),
  step TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  on_date TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}',
  user_id BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX task_item_event_item ON task_item_event(item_id, id);
)SQL"},
    {14, "org_count", R"SQL(
-- Record counts per org subtree (org/count.h): per measure and bucket, the
-- records of the org itself (axis 'o') and of its subtree ('t', 'i'), kept by
-- triggers that org::RebuildCounts creates.
CREATE TABLE org_count (
  measure TEXT NOT NULL,
  axis TEXT NOT NULL,
  org_id BIGINT NOT NULL,
  bucket TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (measure, axis, org_id, bucket)
) {WITHOUT_ROWID};
)SQL",
     nullptr, nullptr,
     [](Tx& tx) {
       org::RebuildCounts(tx);
       return Status::Ok();
     }},
    {15, "import_export", R"SQL(
-- Bulk imports (import/import.h: the job's state machine) and the log of
-- exports of personal data (PIPL).
CREATE TABLE import_job (
  id {ID},
  kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  dry_run INTEGER NOT NULL,
  state TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  default_org_id BIGINT REFERENCES org(id),
  user_id BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  file_bytes BIGINT NOT NULL,
  format TEXT NOT NULL DEFAULT '',
  encoding TEXT NOT NULL DEFAULT '',
  header TEXT NOT NULL DEFAULT '[]',
  rows_read BIGINT NOT NULL DEFAULT 0,
  rows_checked BIGINT NOT NULL DEFAULT 0,
  rows_written BIGINT NOT NULL DEFAULT 0,
  rows_bad BIGINT NOT NULL DEFAULT 0,
  rows_skipped BIGINT NOT NULL DEFAULT 0,
  message TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  heartbeat_at BIGINT
);
CREATE INDEX import_job_state ON import_job(state);
CREATE INDEX import_job_org ON import_job(org_id, id);
CREATE INDEX import_job_hash ON import_job(kind, file_hash);
CREATE TABLE import_error (
  job_id BIGINT NOT NULL REFERENCES import_job(id),
  line BIGINT NOT NULL,
  cells TEXT NOT NULL,
  problems TEXT NOT NULL,
  PRIMARY KEY (job_id, line)
);
CREATE TABLE export_log (
  id {ID},
  kind TEXT NOT NULL,
  format TEXT NOT NULL,
  org_id BIGINT NOT NULL REFERENCES org(id),
  user_id BIGINT NOT NULL,
  filter TEXT NOT NULL,
  masked INTEGER NOT NULL,
  purpose TEXT NOT NULL DEFAULT '',
  rows BIGINT NOT NULL DEFAULT 0,
  completed INTEGER NOT NULL DEFAULT 0,
  at BIGINT NOT NULL
);
CREATE INDEX export_log_org ON export_log(org_id, id);
)SQL",
     nullptr, nullptr,
     [](Tx& tx) {
       // The PostgreSQL count functions learn to pause (org::PauseCounts).
       org::ReplaceCountTriggers(tx);
       return Status::Ok();
     }},
    {16, "member_search", R"SQL(
-- A search by the start of a name reads this index in the list's order
-- (name, id) and tests the subtree on its org_id without reading the rows;
-- members are counted by status and tags together (org/count.h).
DROP INDEX member_name;
CREATE INDEX member_name ON member(name, id, org_id);
)SQL",
     nullptr, nullptr,
     [](Tx& tx) {
       org::RebuildCounts(tx);
       return Status::Ok();
     }},
};

std::string Dialect(std::string sql, Backend backend) {
  auto replace = [&](const std::string& token, const std::string& with) {
    for (size_t pos; (pos = sql.find(token)) != std::string::npos;)
      sql.replace(pos, token.size(), with);
  };
  bool sqlite = backend == Backend::kSqlite;
  replace("{ID}", sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY");
  replace("{WITHOUT_ROWID}", sqlite ? "WITHOUT ROWID" : "");
  // An integer key the application assigns (SQLite: the rowid itself).
  replace("{INT_KEY}", sqlite ? "INTEGER PRIMARY KEY" : "BIGINT PRIMARY KEY");
  return sql;
}

// Splits a script on ';' at line ends (the scripts hold no procedural code).
std::vector<std::string> Statements(const std::string& script) {
  std::vector<std::string> out;
  std::string current;
  size_t start = 0;
  while (start < script.size()) {
    size_t end = script.find('\n', start);
    if (end == std::string::npos) end = script.size();
    std::string line = script.substr(start, end - start);
    start = end + 1;
    if (line.starts_with("--")) continue;
    current += line + "\n";
    if (!line.empty() && line.back() == ';') {
      current.pop_back();
      current.pop_back();
      out.push_back(current);
      current.clear();
    }
  }
  if (current.find_first_not_of(" \n\t") != std::string::npos) out.push_back(current);
  return out;
}

}  // namespace

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> Migrate(Database& db) {
  Status s = db.Run(Mode::kWrite, [](Tx& tx) {
    tx.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at BIGINT NOT NULL)");
    return Status::Ok();
  });
  GH_RETURN_IF_ERROR(s);
  int reached = 0;
  for (const Migration& m : kMigrations) {
    s = db.Run(Mode::kWrite, [&](Tx& tx) {
      if (tx.QueryInt("SELECT COUNT(*) FROM schema_migrations WHERE version = ?",
                      {int64_t{m.version}}) > 0) {
        return Status::Ok();
      }
      for (const std::string& stmt : Statements(Dialect(m.sql, tx.backend()))) tx.Exec(stmt);
      const char* own = tx.sqlite() ? m.sqlite_sql : m.postgres_sql;
      if (own) {
        for (const std::string& stmt : Statements(Dialect(own, tx.backend()))) tx.Exec(stmt);
      }
      if (m.code) GH_RETURN_IF_ERROR(m.code(tx));
      tx.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
              {int64_t{m.version}, std::string(m.name), static_cast<int64_t>(std::time(nullptr))});
      return Status::Ok();
    });
    GH_RETURN_IF_ERROR(s);
    reached = m.version;
  }
  return reached;
}

}  // namespace gonghui::db
