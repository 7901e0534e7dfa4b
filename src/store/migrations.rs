//! Numbered schema migrations. A landed migration is never edited: add a new one instead
//! (a test compares each landed migration with its recorded fingerprint).

/// `PRAGMA application_id` of a Zhaoshang database ("ZSTZ"), so a stranger's SQLite file is
/// recognised and left alone.
pub const APPLICATION_ID: i32 = 0x5A53_545A;

/// Migration `i` takes the schema from `user_version` i to i + 1.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE teams (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    base_city        TEXT NOT NULL DEFAULT '',
    focus_industries TEXT NOT NULL DEFAULT '[]',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);

CREATE TABLE officers (
    id         TEXT PRIMARY KEY,
    team_id    TEXT NOT NULL REFERENCES teams(id),
    name       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX officers_team ON officers(team_id);

CREATE TABLE industries (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);
INSERT INTO industries (name, position) VALUES
    ('智能制造', 1), ('生物医药', 2), ('数字经济', 3), ('新能源', 4), ('新材料', 5),
    ('高端装备', 6), ('汽车零部件', 7), ('集成电路', 8), ('航空航天', 9), ('大健康', 10),
    ('现代服务业', 11), ('人工智能', 12), ('未来产业', 13);

CREATE TABLE rates (
    currency           TEXT NOT NULL,
    effective          TEXT NOT NULL,
    cny_per_unit_micro INTEGER NOT NULL CHECK (cny_per_unit_micro > 0),
    PRIMARY KEY (currency, effective)
);
INSERT INTO rates (currency, effective, cny_per_unit_micro) VALUES
    ('USD', '2023-01-01', 7100000), ('EUR', '2023-01-01', 7700000),
    ('HKD', '2023-01-01', 910000),  ('JPY', '2023-01-01', 49000),
    ('GBP', '2023-01-01', 8900000);

-- seq is the row's stable integer key (VACUUM may renumber an implicit rowid; this it keeps),
-- used by the ledger's paging and the search index. id is the public UUIDv7.
CREATE TABLE projects (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    company           TEXT NOT NULL DEFAULT '',
    credit_code       TEXT NOT NULL DEFAULT '',
    industry          TEXT NOT NULL DEFAULT '',
    chain_link        TEXT NOT NULL DEFAULT '',
    amount            INTEGER,
    currency          TEXT,
    amount_cny        INTEGER,
    origin            TEXT NOT NULL DEFAULT '',
    origin_place      TEXT,
    origin_province   TEXT,
    origin_country    TEXT,
    origin_region     TEXT,
    capital_type      TEXT,
    ownership         TEXT,
    is_headquarters   INTEGER NOT NULL DEFAULT 0,
    stage             TEXT NOT NULL,
    lead_date         TEXT,
    negotiating_date  TEXT,
    signed_date       TEXT,
    construction_date TEXT,
    production_date   TEXT,
    on_hold_date      TEXT,
    dropped_date      TEXT,
    team_id           TEXT REFERENCES teams(id),
    officer_id        TEXT REFERENCES officers(id),
    land_centi_mu     INTEGER,
    annual_output_cny INTEGER,
    annual_tax_cny    INTEGER,
    jobs              INTEGER,
    next_step         TEXT NOT NULL DEFAULT '',
    next_step_due     TEXT,
    notes             TEXT NOT NULL DEFAULT '',
    tags              TEXT NOT NULL DEFAULT '[]',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT
);
-- Partial, covering indexes over live rows: the ledger's default order, its totals and the
-- teams' totals are read from these alone, without touching the wide project rows.
CREATE INDEX projects_live_updated ON projects(updated_at, seq) WHERE deleted_at IS NULL;
CREATE INDEX projects_live_amount  ON projects(amount_cny) WHERE deleted_at IS NULL;
CREATE INDEX projects_live_team    ON projects(team_id, amount_cny) WHERE deleted_at IS NULL;
CREATE INDEX projects_signed    ON projects(signed_date);
CREATE INDEX projects_stage     ON projects(stage);
CREATE INDEX projects_team      ON projects(team_id);
CREATE INDEX projects_officer   ON projects(officer_id);
CREATE INDEX projects_industry  ON projects(industry);
CREATE INDEX projects_amount    ON projects(amount_cny);
CREATE INDEX projects_company   ON projects(company);
CREATE INDEX projects_credit    ON projects(credit_code);

-- Search over name, company and notes. Text is stored as overlapping character bigrams (see
-- store::search), so two-character Chinese words such as 签约 are found, which FTS5's trigram
-- tokenizer cannot do. Contentless: the words live in `projects`, the index only points there.
CREATE VIRTUAL TABLE project_search USING fts5(
    tokens, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
);
"#,
    // 2: targets, and covering indexes for the report's aggregates.
    r#"
-- Targets (目标): a period (a year, or one quarter or month of it), a scope (the zone when
-- team_id and industry are both NULL) and a metric. value is yuan for signed-amount, dollars
-- for foreign-usd, a count otherwise; min_cny is the tier-count threshold in yuan.
CREATE TABLE targets (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '',
    year       INTEGER NOT NULL,
    quarter    INTEGER CHECK (quarter BETWEEN 1 AND 4),
    month      INTEGER CHECK (month BETWEEN 1 AND 12),
    team_id    TEXT REFERENCES teams(id),
    industry   TEXT,
    metric     TEXT NOT NULL,
    min_cny    INTEGER,
    value      INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);

-- Reports count by 签约 / 开工 / 投产 date over live rows. These indexes cover every column the
-- report's queries read, so a year's aggregates never touch the wide project rows. deleted_at is
-- listed so SQLite can see the index alone answers `deleted_at IS NULL`.
CREATE INDEX projects_live_signed ON projects(signed_date, team_id, industry, amount_cny,
    origin_region, origin_place, origin, stage, capital_type, currency, amount, deleted_at)
    WHERE deleted_at IS NULL;
CREATE INDEX projects_live_team_signed ON projects(team_id, signed_date, amount_cny, deleted_at)
    WHERE deleted_at IS NULL;
CREATE INDEX projects_live_industry_signed ON projects(industry, signed_date, amount_cny, deleted_at)
    WHERE deleted_at IS NULL;
CREATE INDEX projects_live_started ON projects(construction_date, team_id, industry, amount_cny,
    deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX projects_live_production ON projects(production_date, team_id, industry, amount_cny,
    deleted_at) WHERE deleted_at IS NULL;
"#,
    // 3: the pipeline board — stage-move history, snooze, and per-stage indexes.
    r#"
-- Every stage move a user makes on the board or in the editor: from, to, the day stamped for
-- the new stage, who moved it and why. Undo soft-deletes the entry (deleted_at), redo restores it.
CREATE TABLE stage_moves (
    id          TEXT PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES projects(id),
    from_stage  TEXT NOT NULL,
    to_stage    TEXT NOT NULL,
    stage_date  TEXT NOT NULL,
    who         TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX stage_moves_project ON stage_moves(project_id, recorded_at);

-- 暂缓至 <date>: the stale mark stays silent until that day, for the reason given.
ALTER TABLE projects ADD COLUMN snoozed_until TEXT;
ALTER TABLE projects ADD COLUMN snooze_reason TEXT NOT NULL DEFAULT '';

-- Per-stage paging of live projects in the board's default order, and per-stage count and
-- sum read from the index alone.
CREATE INDEX projects_live_stage_updated ON projects(stage, updated_at, seq) WHERE deleted_at IS NULL;
CREATE INDEX projects_live_stage_amount ON projects(stage, amount_cny) WHERE deleted_at IS NULL;
"#,
    // 4: a covering index for the charts' stage funnel.
    r#"
-- The charts' stage funnel reads every stage date of the live projects in one pass; this
-- index covers those columns, so the pass never touches the wide project rows.
CREATE INDEX projects_live_stage_dates ON projects(lead_date, negotiating_date, signed_date,
    construction_date, production_date, amount_cny, deleted_at) WHERE deleted_at IS NULL;
"#,
    // 5: drop the first migration's single-column indexes that later partial indexes replace.
    r#"
-- Every query on projects reads live rows only (deleted_at IS NULL), and for each of these
-- columns a partial index made later leads with the same column: projects_live_signed,
-- projects_live_stage_amount, projects_live_team, projects_live_industry_signed and
-- projects_live_amount. Each index left costs every insert and update of a project; an import
-- of 100,000 projects spent a quarter of its time keeping these five.
DROP INDEX projects_signed;
DROP INDEX projects_stage;
DROP INDEX projects_team;
DROP INDEX projects_industry;
DROP INDEX projects_amount;
"#,
    // 6: the change log (同步): this file's site, the entries of every site it has heard
    // from, what each site has, the conflicts shown, and the receipts of merges.
    r#"
CREATE TABLE sync_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One entry per created row or changed field, (site, seq) contiguous per site. field NULL:
-- a created row, value a JSON object of its fields; otherwise value is the field's new value
-- (JSON) and base the versions it replaced ([[site, seq], ...]). seen: for a delete, the
-- versions of every field the deleting site held.
CREATE TABLE sync_log (
    id      INTEGER PRIMARY KEY,
    site    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    clock   INTEGER NOT NULL,
    officer TEXT NOT NULL DEFAULT '',
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    field   TEXT,
    value   TEXT NOT NULL,
    base    TEXT NOT NULL DEFAULT '[]',
    seen    TEXT,
    UNIQUE (site, seq)
);
CREATE INDEX sync_log_row ON sync_log(tbl, row_id);
-- Every site heard from (and this file's own): its last seq and clock here, what it said it
-- had in its last bundle (acked, {site: seq}), and the last bundles to and from it.
CREATE TABLE sync_sites (
    site             TEXT PRIMARY KEY,
    officer          TEXT NOT NULL DEFAULT '',
    officer_name     TEXT NOT NULL DEFAULT '',
    team_name        TEXT NOT NULL DEFAULT '',
    max_seq          INTEGER NOT NULL DEFAULT 0,
    max_clock        INTEGER NOT NULL DEFAULT 0,
    acked            TEXT NOT NULL DEFAULT '{}',
    received_at      TEXT,
    received_bundle  TEXT,
    received_changes INTEGER NOT NULL DEFAULT 0,
    sent_at          TEXT,
    sent_bundle      TEXT
);
-- Fields whose heads disagree (or a row deleted against an edit), as the entries resolve.
CREATE TABLE sync_conflicts (
    id     INTEGER PRIMARY KEY,
    tbl    TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field  TEXT NOT NULL,
    UNIQUE (tbl, row_id, field)
);
-- 合并记录: one per merge, with each changed row's fields before and after.
CREATE TABLE sync_receipts (
    id          TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    bundle_id   TEXT NOT NULL,
    from_site   TEXT NOT NULL,
    officer     TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL,
    changes     TEXT NOT NULL,
    reverted_at TEXT
);
-- A project folded into another (撞单) points at the one kept.
ALTER TABLE projects ADD COLUMN merged_into TEXT;
"#,
    // 7: 日程 — visits, trips, events, meetings, calls and follow-ups. The officers, projects
    // and companies are JSON arrays (json_each reads them), so each list travels as one field.
    r#"
CREATE TABLE activities (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'planned',
    start_date     TEXT NOT NULL,
    start_time     TEXT,
    end_date       TEXT NOT NULL,
    end_time       TEXT,
    place          TEXT NOT NULL DEFAULT '',
    officer_ids    TEXT NOT NULL DEFAULT '[]',
    leader_present INTEGER NOT NULL DEFAULT 0,
    project_ids    TEXT NOT NULL DEFAULT '[]',
    companies      TEXT NOT NULL DEFAULT '[]',
    result         TEXT NOT NULL DEFAULT '',
    next_step      TEXT NOT NULL DEFAULT '',
    parent_id      TEXT,
    review         TEXT NOT NULL DEFAULT '',
    review_comment TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    deleted_at     TEXT
);
CREATE INDEX activities_live_start ON activities(start_date, end_date) WHERE deleted_at IS NULL;
CREATE INDEX activities_live_status ON activities(status, end_date) WHERE deleted_at IS NULL;
"#,
    // 8: 产业链图谱 and 招商目标企业库 — chains, their links as a tree, projects attached to
    // links, target companies (the links they fit a JSON array, as activities keep theirs).
    r#"
CREATE TABLE chains (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    industry   TEXT NOT NULL DEFAULT '',
    notes      TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
-- A link of a chain (parent_id NULL) or a sub-link of one. segment: upstream, midstream or
-- downstream. local_companies: a JSON array of the local companies already in the link.
-- override_status / override_reason: the user's word on the link's status (NULL: computed).
CREATE TABLE chain_nodes (
    id              TEXT PRIMARY KEY,
    chain_id        TEXT NOT NULL,
    parent_id       TEXT,
    segment         TEXT NOT NULL,
    name            TEXT NOT NULL,
    key_link        INTEGER NOT NULL DEFAULT 0,
    position        INTEGER NOT NULL DEFAULT 0,
    local_companies TEXT NOT NULL DEFAULT '[]',
    override_status TEXT,
    override_reason TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX chain_nodes_live_chain ON chain_nodes(chain_id, position) WHERE deleted_at IS NULL;
-- A project attached to a link: one row per pair (two files may attach the same pair; reads
-- take it once).
CREATE TABLE project_links (
    id         TEXT PRIMARY KEY,
    project_id TEXT NOT NULL,
    node_id    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX project_links_live_node ON project_links(node_id, project_id) WHERE deleted_at IS NULL;
CREATE INDEX project_links_live_project ON project_links(project_id, node_id) WHERE deleted_at IS NULL;
-- 招商目标企业. city as written (read by the origin rules); priority A/B/C; contact:
-- not_contacted, contacted, interested or project; node_ids: the links it fits (JSON array).
CREATE TABLE target_companies (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    credit_code   TEXT NOT NULL DEFAULT '',
    city          TEXT NOT NULL DEFAULT '',
    priority      TEXT NOT NULL DEFAULT 'B',
    chain_leader  INTEGER NOT NULL DEFAULT 0,
    officer_id    TEXT,
    contact       TEXT NOT NULL DEFAULT 'not_contacted',
    notes         TEXT NOT NULL DEFAULT '',
    project_id    TEXT,
    node_ids      TEXT NOT NULL DEFAULT '[]',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);
CREATE INDEX target_companies_live_name ON target_companies(name) WHERE deleted_at IS NULL;
CREATE INDEX target_companies_live_credit ON target_companies(credit_code) WHERE deleted_at IS NULL;
"#,
    // 9: what 考核 and the board's marks read, derived from activities by triggers: one row per
    // (activity, officer), (activity, project) and (activity, company), so their statements use
    // indexes instead of reading every activity's JSON lists. Kept by the database itself, so
    // every writer (an edit, an import, a 同步 merge) keeps them; never synced (derived).
    r#"
CREATE TABLE activity_officers (
    activity_id TEXT NOT NULL,
    officer_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    review      TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    PRIMARY KEY (activity_id, officer_id)
) WITHOUT ROWID;
CREATE INDEX activity_officers_figures
    ON activity_officers(status, start_date, officer_id, kind, end_date, review);
CREATE TABLE activity_projects (
    activity_id TEXT NOT NULL,
    project_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    PRIMARY KEY (activity_id, project_id)
) WITHOUT ROWID;
CREATE INDEX activity_projects_marks
    ON activity_projects(status, project_id, start_date, end_date, kind, activity_id);
CREATE INDEX activity_projects_project ON activity_projects(project_id, activity_id);
CREATE TABLE activity_companies (
    activity_id TEXT NOT NULL,
    company     TEXT NOT NULL,
    PRIMARY KEY (activity_id, company)
) WITHOUT ROWID;
CREATE TRIGGER activities_derive_insert AFTER INSERT ON activities BEGIN
    DELETE FROM activity_officers WHERE activity_id = new.id;
    DELETE FROM activity_projects WHERE activity_id = new.id;
    DELETE FROM activity_companies WHERE activity_id = new.id;
    INSERT OR IGNORE INTO activity_officers
        SELECT new.id, value, new.status, new.kind, new.review, new.start_date, new.end_date
        FROM json_each(CASE WHEN json_valid(new.officer_ids) THEN new.officer_ids ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text';
    INSERT OR IGNORE INTO activity_projects
        SELECT new.id, value, new.status, new.kind, new.start_date, new.end_date
        FROM json_each(CASE WHEN json_valid(new.project_ids) THEN new.project_ids ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text';
    INSERT OR IGNORE INTO activity_companies
        SELECT new.id, trim(value)
        FROM json_each(CASE WHEN json_valid(new.companies) THEN new.companies ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text' AND trim(value) <> '';
END;
CREATE TRIGGER activities_derive_update AFTER UPDATE ON activities BEGIN
    DELETE FROM activity_officers WHERE activity_id = old.id;
    DELETE FROM activity_projects WHERE activity_id = old.id;
    DELETE FROM activity_companies WHERE activity_id = old.id;
    INSERT OR IGNORE INTO activity_officers
        SELECT new.id, value, new.status, new.kind, new.review, new.start_date, new.end_date
        FROM json_each(CASE WHEN json_valid(new.officer_ids) THEN new.officer_ids ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text';
    INSERT OR IGNORE INTO activity_projects
        SELECT new.id, value, new.status, new.kind, new.start_date, new.end_date
        FROM json_each(CASE WHEN json_valid(new.project_ids) THEN new.project_ids ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text';
    INSERT OR IGNORE INTO activity_companies
        SELECT new.id, trim(value)
        FROM json_each(CASE WHEN json_valid(new.companies) THEN new.companies ELSE '[]' END)
        WHERE new.deleted_at IS NULL AND type = 'text' AND trim(value) <> '';
END;
CREATE TRIGGER activities_derive_delete AFTER DELETE ON activities BEGIN
    DELETE FROM activity_officers WHERE activity_id = old.id;
    DELETE FROM activity_projects WHERE activity_id = old.id;
    DELETE FROM activity_companies WHERE activity_id = old.id;
END;
-- The activities there already: an update that changes nothing fires the trigger for each.
UPDATE activities SET id = id;
"#,
    // 10: the possible 撞单 a merge found, kept until folded or dismissed (不是同一项目). A
    // local table that does not ride the change log: every file finds its own when it merges,
    // and folding (which travels) settles the pair everywhere.
    r#"
CREATE TABLE sync_duplicates (
    incoming     TEXT NOT NULL,
    existing     TEXT NOT NULL,
    found_at     TEXT NOT NULL,
    dismissed_at TEXT,
    PRIMARY KEY (incoming, existing)
) WITHOUT ROWID;
"#,
    // 11: a created entry may be held by its row. An import logs its new rows with the value
    // '' (`changelog::HELD_BY_ROW`) instead of a second copy of every row, and these
    // triggers write the row's fields into that entry just before the row first changes or
    // goes, so the entry always says what the row was when it was created. A later build that
    // appends a travelling field to a table, or makes a table again (DROP TABLE fires no
    // trigger), first writes that table's held entries out with the old fields, then replaces
    // its triggers, in a migration of its own (a test compares the triggers with the
    // registration).
    r#"
CREATE TRIGGER sync_held_teams_update BEFORE UPDATE OF
    name, kind, base_city, focus_industries, created_at, deleted_at
ON teams BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.kind, OLD.base_city, OLD.focus_industries, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'teams' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_teams_delete BEFORE DELETE ON teams BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.kind, OLD.base_city, OLD.focus_industries, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'teams' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_officers_update BEFORE UPDATE OF
    team_id, name, role, phone, created_at, deleted_at
ON officers BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.team_id, OLD.name, OLD.role, OLD.phone, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'officers' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_officers_delete BEFORE DELETE ON officers BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.team_id, OLD.name, OLD.role, OLD.phone, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'officers' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_projects_update BEFORE UPDATE OF
    name, company, credit_code, industry, chain_link, amount, currency, origin, capital_type,
    ownership, is_headquarters, stage, lead_date, negotiating_date, signed_date,
    construction_date, production_date, on_hold_date, dropped_date, team_id, officer_id,
    land_centi_mu, annual_output_cny, annual_tax_cny, jobs, next_step, next_step_due, notes,
    tags, snoozed_until, snooze_reason, merged_into, created_at, deleted_at
ON projects BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.company, OLD.credit_code, OLD.industry, OLD.chain_link,
        OLD.amount, OLD.currency, OLD.origin, OLD.capital_type, OLD.ownership,
        OLD.is_headquarters, OLD.stage, OLD.lead_date, OLD.negotiating_date, OLD.signed_date,
        OLD.construction_date, OLD.production_date, OLD.on_hold_date, OLD.dropped_date,
        OLD.team_id, OLD.officer_id, OLD.land_centi_mu, OLD.annual_output_cny,
        OLD.annual_tax_cny, OLD.jobs, OLD.next_step, OLD.next_step_due, OLD.notes, OLD.tags,
        OLD.snoozed_until, OLD.snooze_reason, OLD.merged_into, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'projects' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_projects_delete BEFORE DELETE ON projects BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.company, OLD.credit_code, OLD.industry, OLD.chain_link,
        OLD.amount, OLD.currency, OLD.origin, OLD.capital_type, OLD.ownership,
        OLD.is_headquarters, OLD.stage, OLD.lead_date, OLD.negotiating_date, OLD.signed_date,
        OLD.construction_date, OLD.production_date, OLD.on_hold_date, OLD.dropped_date,
        OLD.team_id, OLD.officer_id, OLD.land_centi_mu, OLD.annual_output_cny,
        OLD.annual_tax_cny, OLD.jobs, OLD.next_step, OLD.next_step_due, OLD.notes, OLD.tags,
        OLD.snoozed_until, OLD.snooze_reason, OLD.merged_into, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'projects' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_targets_update BEFORE UPDATE OF
    name, year, quarter, month, team_id, industry, metric, min_cny, value, created_at,
    deleted_at
ON targets BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.year, OLD.quarter, OLD.month, OLD.team_id, OLD.industry,
        OLD.metric, OLD.min_cny, OLD.value, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'targets' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_targets_delete BEFORE DELETE ON targets BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.year, OLD.quarter, OLD.month, OLD.team_id, OLD.industry,
        OLD.metric, OLD.min_cny, OLD.value, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'targets' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_stage_moves_update BEFORE UPDATE OF
    project_id, from_stage, to_stage, stage_date, who, reason, recorded_at, deleted_at
ON stage_moves BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.project_id, OLD.from_stage, OLD.to_stage, OLD.stage_date, OLD.who,
        OLD.reason, OLD.recorded_at, OLD.deleted_at
    )
    WHERE tbl = 'stage_moves' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_stage_moves_delete BEFORE DELETE ON stage_moves BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.project_id, OLD.from_stage, OLD.to_stage, OLD.stage_date, OLD.who,
        OLD.reason, OLD.recorded_at, OLD.deleted_at
    )
    WHERE tbl = 'stage_moves' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_activities_update BEFORE UPDATE OF
    kind, status, start_date, start_time, end_date, end_time, place, officer_ids,
    leader_present, project_ids, companies, result, next_step, parent_id, review,
    review_comment, created_at, deleted_at
ON activities BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.kind, OLD.status, OLD.start_date, OLD.start_time, OLD.end_date,
        OLD.end_time, OLD.place, OLD.officer_ids, OLD.leader_present, OLD.project_ids,
        OLD.companies, OLD.result, OLD.next_step, OLD.parent_id, OLD.review, OLD.review_comment,
        OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'activities' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_activities_delete BEFORE DELETE ON activities BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.kind, OLD.status, OLD.start_date, OLD.start_time, OLD.end_date,
        OLD.end_time, OLD.place, OLD.officer_ids, OLD.leader_present, OLD.project_ids,
        OLD.companies, OLD.result, OLD.next_step, OLD.parent_id, OLD.review, OLD.review_comment,
        OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'activities' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_chains_update BEFORE UPDATE OF
    name, industry, notes, position, created_at, deleted_at
ON chains BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.industry, OLD.notes, OLD.position, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'chains' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_chains_delete BEFORE DELETE ON chains BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.industry, OLD.notes, OLD.position, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'chains' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_chain_nodes_update BEFORE UPDATE OF
    chain_id, parent_id, segment, name, key_link, position, local_companies, override_status,
    override_reason, created_at, deleted_at
ON chain_nodes BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.chain_id, OLD.parent_id, OLD.segment, OLD.name, OLD.key_link, OLD.position,
        OLD.local_companies, OLD.override_status, OLD.override_reason, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'chain_nodes' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_chain_nodes_delete BEFORE DELETE ON chain_nodes BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.chain_id, OLD.parent_id, OLD.segment, OLD.name, OLD.key_link, OLD.position,
        OLD.local_companies, OLD.override_status, OLD.override_reason, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'chain_nodes' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_project_links_update BEFORE UPDATE OF
    project_id, node_id, created_at, deleted_at
ON project_links BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.project_id, OLD.node_id, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'project_links' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_project_links_delete BEFORE DELETE ON project_links BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.project_id, OLD.node_id, OLD.created_at, OLD.deleted_at
    )
    WHERE tbl = 'project_links' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_target_companies_update BEFORE UPDATE OF
    name, credit_code, city, priority, chain_leader, officer_id, contact, notes, project_id,
    node_ids, created_at, deleted_at
ON target_companies BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.credit_code, OLD.city, OLD.priority, OLD.chain_leader,
        OLD.officer_id, OLD.contact, OLD.notes, OLD.project_id, OLD.node_ids, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'target_companies' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
CREATE TRIGGER sync_held_target_companies_delete BEFORE DELETE ON target_companies BEGIN
    UPDATE sync_log SET value = json_array(
        OLD.id, OLD.name, OLD.credit_code, OLD.city, OLD.priority, OLD.chain_leader,
        OLD.officer_id, OLD.contact, OLD.notes, OLD.project_id, OLD.node_ids, OLD.created_at,
        OLD.deleted_at
    )
    WHERE tbl = 'target_companies' AND row_id = OLD.id AND field IS NULL AND value = '';
END;
"#,
];

/// The schema version this build writes.
pub const LATEST_VERSION: i32 = MIGRATIONS.len() as i32;

#[cfg(test)]
mod tests {
    use super::*;

    /// FNV-1a: enough to notice an edit, and needs no dependency.
    fn fingerprint(text: &str) -> u64 {
        text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn landed_migrations_are_never_edited() {
        // When a migration lands, its fingerprint is appended here and never changed.
        let landed: &[u64] = &[
            0xcf7fd447bd8083ba,
            0x0ad1_25b1_5656_a31c,
            0x7639d089757adc58,
            0xa0da07b0187b72bc,
            0x6be23914e06e940c,
            0xff947690fc21e342,
            0x1777_3263_4186_2dd5,
            0x9ed1_ce6e_fd0e_4c69,
            0x1df4_c850_d533_a233,
            0x70b0_636b_92cf_72b7,
            0x91b1_817d_f411_be55,
        ];
        for (i, expected) in landed.iter().enumerate() {
            assert_eq!(
                fingerprint(MIGRATIONS[i]),
                *expected,
                "migration {} was edited after it landed; add a new migration instead",
                i + 1
            );
        }
        assert!(landed.len() <= MIGRATIONS.len());
    }
}
