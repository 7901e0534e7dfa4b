//! 日程 and 考核 as a lead reads them: activities stored and listed, each 考核 figure counted the
//! way the README says, the reviewed-only setting, an officer's activity reaching the lead's
//! file through a bundle, and the command line's `activity` commands.

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use uuid::Uuid;
use zhaoshang::domain::activity::{
    Activity, ActivityFilter, ActivityStatus, AppraisalOf, AppraisalRow, Review,
};
use zhaoshang::domain::{Officer, Project, Team};
use zhaoshang::store::{REVIEWED_ONLY_KEY, Store, Write};
use zhaoshang::sync;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("day")
}

struct Zone {
    team: Team,
    wang: Officer,
    li: Officer,
}

fn zone(store: &mut Store) -> Zone {
    let team = Team::new("智能制造产业发展部");
    let wang = Officer::new(team.id, "王杰");
    let li = Officer::new(team.id, "李娜");
    store
        .write(&[
            Write::PutTeam(team.clone()),
            Write::PutOfficer(wang.clone()),
            Write::PutOfficer(li.clone()),
        ])
        .expect("write");
    Zone { team, wang, li }
}

fn done(kind: &str, start: NaiveDate, end: NaiveDate, officers: &[Uuid]) -> Activity {
    let mut a = Activity::new(kind, start);
    a.end = end;
    a.status = ActivityStatus::Done;
    a.officers = officers.to_vec();
    a
}

fn row_of(rows: &[AppraisalRow], of: AppraisalOf) -> &AppraisalRow {
    rows.iter().find(|r| r.of == of).expect("row")
}

#[test]
fn an_activity_is_stored_listed_by_period_officer_and_project_and_deleted() {
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let project = Project::new("华康新能源电池项目");
    let mut trip = done("trip", day(3, 28), day(4, 2), &[z.wang.id]);
    trip.place = "深圳".into();
    let mut visit = Activity::new("visit", day(4, 10));
    visit.officers = vec![z.li.id];
    visit.projects = vec![project.id];
    visit.companies = vec!["华康新能源有限公司".into()];
    store
        .write(&[
            Write::PutProject(project.clone()),
            Write::PutActivity(trip.clone()),
            Write::PutActivity(visit.clone()),
        ])
        .expect("write");
    assert_eq!(store.activity(trip.id).expect("read"), Some(trip.clone()));
    let april = ActivityFilter {
        from: Some(day(4, 1)),
        to: Some(day(4, 30)),
        ..ActivityFilter::default()
    };
    // A trip from 28 March to 2 April is in April too.
    let ids: Vec<Uuid> = store
        .activities(&april)
        .expect("list")
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids, vec![trip.id, visit.id]);
    let of_li = ActivityFilter {
        officer: Some(z.li.id),
        ..ActivityFilter::default()
    };
    assert_eq!(store.activities(&of_li).expect("list"), vec![visit.clone()]);
    let of_team = ActivityFilter {
        team: Some(z.team.id),
        ..ActivityFilter::default()
    };
    assert_eq!(store.activities(&of_team).expect("list").len(), 2);
    let next = store.next_planned_activities().expect("next");
    assert_eq!(next.get(&project.id).map(|n| n.start), Some(day(4, 10)));
    assert_eq!(
        store.project_activities(project.id).expect("timeline"),
        vec![visit.clone()]
    );
    store
        .write(&[Write::DeleteActivity(visit.id)])
        .expect("delete");
    assert!(store.activities(&of_li).expect("list").is_empty());
    assert!(store.next_planned_activities().expect("next").is_empty());
}

#[test]
fn each_appraisal_figure_is_counted_as_the_readme_says() {
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let (w, l) = (z.wang.id, z.li.id);
    let mut signed = Project::new("签约项目");
    signed.officer_id = Some(w);
    signed.team_id = Some(z.team.id);
    signed.set_stage_date(zhaoshang::domain::Stage::Signed, Some(day(3, 15)));
    signed.stage = zhaoshang::domain::Stage::Signed;
    signed.investment = Some(zhaoshang::domain::Money::cny(5 * 100_000_000));
    let mut lead = Project::new("新线索");
    lead.officer_id = Some(l);
    lead.set_stage_date(zhaoshang::domain::Stage::Lead, Some(day(3, 2)));
    // Nobody's: a lead and a signing in March that count for the zone alone.
    let mut unowned = Project::new("无人负责的项目");
    unowned.set_stage_date(zhaoshang::domain::Stage::Lead, Some(day(3, 5)));
    unowned.set_stage_date(zhaoshang::domain::Stage::Signed, Some(day(3, 25)));
    unowned.stage = zhaoshang::domain::Stage::Signed;
    unowned.investment = Some(zhaoshang::domain::Money::cny(100_000_000));
    // A trip of both officers, 30 March to 2 April: 2 of its 4 days fall in March.
    let both = done("trip", day(3, 30), day(4, 2), &[w, l]);
    // Wang's trip 10–12 March: 3 days, inclusive.
    let short = done("trip", day(3, 10), day(3, 12), &[w]);
    // Visits: the same company twice counts once; a blank company not at all.
    let mut v1 = done("visit", day(3, 11), day(3, 11), &[w]);
    v1.companies = vec!["华康新能源".into(), "  ".into()];
    let mut v2 = done("visit", day(3, 20), day(3, 20), &[w, l]);
    v2.companies = vec!["华康新能源 ".into(), "远景动力".into()];
    // Not counted: planned, cancelled, and a received visit is not a visit made.
    let planned = Activity::new("visit", day(3, 25));
    let mut cancelled = done("visit", day(3, 26), day(3, 26), &[w]);
    cancelled.status = ActivityStatus::Cancelled;
    cancelled.companies = vec!["不该计入".into()];
    let mut received = done("received", day(3, 27), day(3, 27), &[w]);
    received.companies = vec!["来访企业".into()];
    let writes: Vec<Write> = [both, short, v1, v2, planned, cancelled, received]
        .into_iter()
        .map(Write::PutActivity)
        .chain([
            Write::PutProject(signed),
            Write::PutProject(lead),
            Write::PutProject(unowned),
        ])
        .collect();
    store.write(&writes).expect("write");

    let march = store.appraisal(day(3, 1), day(3, 31)).expect("appraisal");
    let wang = &row_of(&march.officers, AppraisalOf::Officer(w)).figures;
    assert_eq!(wang.trip_days, 3 + 2);
    assert_eq!(wang.companies_visited, 2);
    assert_eq!(wang.by_kind.get("trip"), Some(&2));
    assert_eq!(wang.by_kind.get("visit"), Some(&2));
    assert_eq!(wang.by_kind.get("received"), Some(&1));
    assert_eq!((wang.signed_count, wang.signed_cny), (1, 500_000_000));
    let li = &row_of(&march.officers, AppraisalOf::Officer(l)).figures;
    assert_eq!(li.trip_days, 2);
    assert_eq!(li.companies_visited, 2);
    assert_eq!(li.new_leads, 1);
    // Wang signed, so Wang ranks first.
    assert_eq!(row_of(&march.officers, AppraisalOf::Officer(w)).rank, 1);
    assert_eq!(row_of(&march.officers, AppraisalOf::Officer(l)).rank, 2);
    // The team: person-days summed, companies distinct across its officers.
    let team = &row_of(&march.teams, AppraisalOf::Team(z.team.id)).figures;
    assert_eq!(team.trip_days, 5 + 2);
    assert_eq!(team.companies_visited, 2);
    assert_eq!(
        team.by_kind.get("trip"),
        Some(&2),
        "a trip of two officers is one trip"
    );
    assert_eq!(
        (team.new_leads, team.signed_count, team.signed_cny),
        (0, 1, 500_000_000),
        "the team's signing; Li's lead is not the team's"
    );
    // The zone: each activity once, and every project, whoever's.
    assert_eq!(
        (march.zone.new_leads, march.zone.signed_count),
        (2, 2),
        "both leads and both signings, one project counted as each"
    );
    assert_eq!(march.zone.signed_cny, 600_000_000);
    assert_eq!(march.zone.by_kind.get("visit"), Some(&2));
    assert_eq!(march.zone.activities(), 5);

    // April holds the other two days of the shared trip.
    let april = store.appraisal(day(4, 1), day(4, 30)).expect("appraisal");
    assert_eq!(
        row_of(&april.officers, AppraisalOf::Officer(w))
            .figures
            .trip_days,
        2
    );
}

/// 考核 and the board's marks read rows the database derives from each activity; an edit
/// that moves an activity to another officer, a delete, and a planned follow-up done must each
/// show in the figures at once.
#[test]
fn the_figures_follow_every_change_to_an_activity() {
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let (w, l) = (z.wang.id, z.li.id);
    let project = Project::new("储能电站");
    let mut visit = done("visit", day(5, 6), day(5, 6), &[w]);
    visit.companies = vec!["远景动力".into()];
    visit.projects = vec![project.id];
    let mut next = Activity::new("followup", day(5, 20));
    next.projects = vec![project.id];
    store
        .write(&[
            Write::PutProject(project.clone()),
            Write::PutActivity(visit.clone()),
            Write::PutActivity(next.clone()),
        ])
        .expect("write");
    let visited = |store: &Store, officer: Uuid| {
        let may = store.appraisal(day(5, 1), day(5, 31)).expect("appraisal");
        row_of(&may.officers, AppraisalOf::Officer(officer))
            .figures
            .companies_visited
    };
    assert_eq!((visited(&store, w), visited(&store, l)), (1, 0));
    let marks = store.next_planned_activities().expect("marks");
    assert_eq!(marks.get(&project.id).map(|m| m.activity), Some(next.id));

    // Moved to 李娜: it counts for her, and no longer for 王杰.
    visit.officers = vec![l];
    store
        .write(&[Write::PutActivity(visit.clone())])
        .expect("write");
    assert_eq!((visited(&store, w), visited(&store, l)), (0, 1));

    // The follow-up done: no planned mark, and its day is the project's last done activity.
    next.status = ActivityStatus::Done;
    store
        .write(&[Write::PutActivity(next.clone())])
        .expect("write");
    assert!(store.next_planned_activities().expect("marks").is_empty());
    assert_eq!(
        store.last_done_activities().expect("done").get(&project.id),
        Some(&day(5, 20))
    );

    // Deleted: counted for no one, and gone from the project's timeline.
    store
        .write(&[Write::DeleteActivity(visit.id)])
        .expect("write");
    assert_eq!((visited(&store, w), visited(&store, l)), (0, 0));
    let timeline = store.project_activities(project.id).expect("timeline");
    assert_eq!(
        timeline.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![next.id]
    );
}

#[test]
fn with_the_setting_on_only_reviewed_activities_count() {
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let mut approved = done("visit", day(5, 6), day(5, 6), &[z.wang.id]);
    approved.companies = vec!["甲公司".into()];
    approved.review = Review::Approved;
    let mut returned = done("visit", day(5, 7), day(5, 7), &[z.wang.id]);
    returned.companies = vec!["乙公司".into()];
    returned.review = Review::Returned;
    returned.review_comment = "未附拜访记录".into();
    store
        .write(&[Write::PutActivity(approved), Write::PutActivity(returned)])
        .expect("write");
    let visited = |store: &Store| {
        let a = store.appraisal(day(5, 1), day(5, 31)).expect("appraisal");
        row_of(&a.officers, AppraisalOf::Officer(z.wang.id))
            .figures
            .companies_visited
    };
    assert_eq!(visited(&store), 2);
    store
        .write(&[Write::SetSetting(REVIEWED_ONLY_KEY.into(), "1".into())])
        .expect("setting");
    assert_eq!(visited(&store), 1);
}

/// An officer's visit, recorded on a trip, reaches the lead's file in a bundle, and the lead's
/// 考核 counts it.
#[test]
fn an_officers_activity_reaches_the_lead_and_counts_in_the_leads_appraisal() {
    let dir = tempfile::tempdir().expect("dir");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let z = zone(&mut lead);
    let mut officer = Store::open(&dir.path().join("wang.db")).expect("officer");
    let send = |from: &mut Store, to: &mut Store| {
        let site = to.sync_site().expect("site");
        let (bytes, _) = sync::export_bundle(from, Some(&site), None).expect("export");
        let bundle = sync::read_bundle(&bytes, None).expect("read");
        sync::apply(to, &bundle).expect("merge");
    };
    send(&mut lead, &mut officer);
    let mut visit = done("visit", day(6, 3), day(6, 3), &[z.wang.id]);
    visit.companies = vec!["远景动力".into()];
    visit.place = "上海".into();
    officer
        .write(&[Write::PutActivity(visit.clone())])
        .expect("write");
    send(&mut officer, &mut lead);
    assert_eq!(lead.activity(visit.id).expect("read"), Some(visit));
    let june = lead.appraisal(day(6, 1), day(6, 30)).expect("appraisal");
    let wang = &row_of(&june.officers, AppraisalOf::Officer(z.wang.id)).figures;
    assert_eq!(wang.companies_visited, 1);
    assert_eq!(wang.by_kind.get("visit"), Some(&1));
    assert_eq!(
        lead.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
}

fn zhaoshang(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `report --format json` for July 2026.
fn july_report(db: &Path) -> serde_json::Value {
    let (ok, json, err) = zhaoshang(
        db,
        &[
            "report",
            "--from",
            "2026-07-01",
            "--to",
            "2026-07-31",
            "--format",
            "json",
        ],
    );
    assert!(ok, "{err}");
    serde_json::from_str(&json).expect("json")
}

/// One officer's row of the report's `by_officer`, by name.
fn officer_in<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["by_officer"]
        .as_array()
        .expect("officers")
        .iter()
        .find(|o| o["name"] == name)
        .expect("the officer")
}

#[test]
fn the_command_line_adds_lists_and_completes_activities_and_reports_them() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("zone.db");
    let mut store = Store::open(&db).expect("open");
    zone(&mut store);
    let mut project = Project::new("远景储能项目");
    project.company = "远景动力有限公司".into();
    store.write(&[Write::PutProject(project)]).expect("write");
    drop(store);
    let (ok, out, err) = zhaoshang(
        &db,
        &[
            "activity",
            "add",
            "--type",
            "拜访",
            "--date",
            "2026-07-01",
            "--officer",
            "王杰",
            "--project",
            "远景储能项目",
            "--done",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("拜访") && out.contains("远景动力有限公司"),
        "{out}"
    );
    let id = out
        .trim()
        .strip_prefix("已记录活动 ")
        .and_then(|rest| rest.split('：').next())
        .expect("id")
        .to_string();
    // The list's short id is the end of the full one (UUIDv7 ids begin with the time, so
    // their beginnings are alike).
    let (_, list, _) = zhaoshang(&db, &["activity", "list"]);
    assert!(
        list.contains(&format!("[{}]", &id[id.len() - 8..])),
        "{list}"
    );
    let (ok, _, err) = zhaoshang(
        &db,
        &[
            "activity",
            "add",
            "--type",
            "出差",
            "--date",
            "2026-07-09",
            "--end",
            "2026-07-08",
        ],
    );
    assert!(!ok);
    assert!(err.contains("结束早于开始"), "{err}");
    let (ok, _, err) = zhaoshang(
        &db,
        &["activity", "add", "--type", "郊游", "--date", "2026-07-09"],
    );
    assert!(!ok);
    assert!(err.contains("郊游") && err.contains("拜访"), "{err}");
    let (ok, out, err) = zhaoshang(&db, &["activity", "done", &id, "--next"]);
    assert!(ok, "{err}");
    assert!(out.contains("跟进"), "the visit's usual next one: {out}");
    let (ok, list, _) = zhaoshang(&db, &["--lang", "en", "activity", "list"]);
    assert!(ok);
    assert!(
        list.contains("Visit (done)") && list.contains("Follow-up (planned)"),
        "{list}"
    );
    let report = july_report(&db);
    let wang = officer_in(&report, "王杰");
    assert_eq!(wang["companies_visited"], 1);
    assert_eq!(
        wang["activities"], 1,
        "the planned follow-up is not counted"
    );
    assert_eq!(report["activities"]["by_type"][0]["name"], "拜访");
    // A lead returns the visit and counts reviewed activities only: it no longer counts.
    let (ok, out, err) = zhaoshang(
        &db,
        &[
            "activity",
            "review",
            &id,
            "returned",
            "--comment",
            "缺拜访记录",
        ],
    );
    assert!(ok && out.contains("退回"), "{out}{err}");
    let (ok, _, err) = zhaoshang(&db, &["activity", "reviewed-only", "on"]);
    assert!(ok, "{err}");
    let report = july_report(&db);
    let wang = officer_in(&report, "王杰");
    assert_eq!(wang["companies_visited"], 0);
}

/// A ledger written before the derived rows existed (schema 8) gets them when it is opened:
/// its activities count in 考核 and mark the board from the first look.
#[test]
fn a_ledger_from_before_the_derived_rows_counts_its_activities() {
    use zhaoshang::store::migrations::{APPLICATION_ID, MIGRATIONS};
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    let (officer, project) = (
        "01900000-0000-7000-8000-0000000000a1",
        "01900000-0000-7000-8000-0000000000b1",
    );
    {
        let conn = rusqlite::Connection::open(&path).expect("sqlite");
        for m in &MIGRATIONS[..8] {
            conn.execute_batch(m).expect("old schema");
        }
        conn.pragma_update(None, "user_version", 8).expect("v");
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .expect("id");
        conn.execute_batch(&format!(
            "INSERT INTO teams (id, name, kind, created_at, updated_at) VALUES \
             ('01900000-0000-7000-8000-0000000000c1', '一部', 'bureau', '2026-01-01T00:00:00.000', '2026-01-01T00:00:00.000');
             INSERT INTO officers (id, team_id, name, created_at, updated_at) VALUES \
             ('{officer}', '01900000-0000-7000-8000-0000000000c1', '王杰', '2026-01-01T00:00:00.000', '2026-01-01T00:00:00.000');
             INSERT INTO activities (id, kind, status, start_date, end_date, officer_ids, project_ids, companies, created_at, updated_at) VALUES \
             ('01900000-0000-7000-8000-0000000000d1', 'visit', 'done', '2026-05-06', '2026-05-06', '[\"{officer}\"]', '[\"{project}\"]', '[\"远景动力\"]', '2026-05-06T00:00:00.000', '2026-05-06T00:00:00.000'), \
             ('01900000-0000-7000-8000-0000000000d2', 'followup', 'planned', '2026-05-20', '2026-05-20', '[\"{officer}\"]', '[\"{project}\"]', '[]', '2026-05-06T00:00:00.000', '2026-05-06T00:00:00.000');"
        ))
        .expect("rows");
    }
    let store = Store::open(&path).expect("migrate");
    let may = store.appraisal(day(5, 1), day(5, 31)).expect("appraisal");
    let officer = Uuid::parse_str(officer).expect("id");
    let wang = &row_of(&may.officers, AppraisalOf::Officer(officer)).figures;
    assert_eq!(wang.companies_visited, 1);
    let project = Uuid::parse_str(project).expect("id");
    assert_eq!(
        store
            .next_planned_activities()
            .expect("marks")
            .get(&project)
            .map(|m| m.start),
        Some(day(5, 20))
    );
}
