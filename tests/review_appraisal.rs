//! The review pack's 考核 sheet as a lead opens it: every officer's and team's figures for the
//! pack's month, the same as the dashboard's 考核, the activities split by type, and the zone's
//! line; the reviewed-only setting is followed.

use calamine::{Data, Reader};
use chrono::NaiveDate;
use uuid::Uuid;
use zhaoshang::domain::activity::{Activity, ActivityStatus, AppraisalOf, Review};
use zhaoshang::domain::target::ElapsedCounting;
use zhaoshang::domain::{Money, Officer, Project, Stage, Team};
use zhaoshang::io::review::write_pack;
use zhaoshang::store::{REVIEWED_ONLY_KEY, Store, Write};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("day")
}

fn done(kind: &str, start: NaiveDate, end: NaiveDate, officers: &[Uuid]) -> Activity {
    let mut a = Activity::new(kind, start);
    a.end = end;
    a.status = ActivityStatus::Done;
    a.officers = officers.to_vec();
    a
}

struct Zone {
    manufacturing: Team,
    services: Team,
    wang: Officer,
    li: Officer,
    zhao: Officer,
}

/// Two teams, three officers; March: Wang on a trip and two visits and a signing worth 5 亿,
/// Li on the shared trip and a visit with a new lead, Zhao (the other team) on a call.
fn march_zone(store: &mut Store) -> Zone {
    let manufacturing = Team::new("智能制造产业发展部");
    let services = Team::new("现代服务业招商局");
    let wang = Officer::new(manufacturing.id, "王杰");
    let li = Officer::new(manufacturing.id, "李娜");
    let zhao = Officer::new(services.id, "赵敏");
    let (w, l) = (wang.id, li.id);
    let mut signed = Project::new("签约项目");
    signed.officer_id = Some(w);
    signed.team_id = Some(manufacturing.id);
    signed.set_stage_date(Stage::Signed, Some(day(3, 15)));
    signed.stage = Stage::Signed;
    signed.investment = Some(Money::cny(5 * 100_000_000));
    let mut lead = Project::new("新线索");
    lead.officer_id = Some(l);
    lead.team_id = Some(manufacturing.id);
    lead.set_stage_date(Stage::Lead, Some(day(3, 2)));
    // 30 March to 2 April, both: 2 of its days in March. Wang 10–12 March: 3 days.
    let shared = done("trip", day(3, 30), day(4, 2), &[w, l]);
    let short = done("trip", day(3, 10), day(3, 12), &[w]);
    let mut v1 = done("visit", day(3, 11), day(3, 11), &[w]);
    v1.companies = vec!["华康新能源".into()];
    v1.review = Review::Approved;
    let mut v2 = done("visit", day(3, 20), day(3, 20), &[w, l]);
    v2.companies = vec!["华康新能源 ".into(), "远景动力".into()];
    let call = done("call", day(3, 5), day(3, 5), &[zhao.id]);
    // Not in March: a visit in February.
    let mut february = done("visit", day(2, 20), day(2, 20), &[w]);
    february.companies = vec!["二月企业".into()];
    let mut writes = vec![
        Write::PutTeam(manufacturing.clone()),
        Write::PutTeam(services.clone()),
        Write::PutOfficer(wang.clone()),
        Write::PutOfficer(li.clone()),
        Write::PutOfficer(zhao.clone()),
        Write::PutProject(signed),
        Write::PutProject(lead),
    ];
    writes.extend(
        [shared, short, v1, v2, call, february]
            .into_iter()
            .map(Write::PutActivity),
    );
    store.write(&writes).expect("write");
    Zone {
        manufacturing,
        services,
        wang,
        li,
        zhao,
    }
}

/// The 考核 sheet of the March pack, as rows of cells.
fn appraisal_sheet(store: &Store, dir: &std::path::Path) -> Vec<Vec<Data>> {
    let out = dir.join("三月点评.xlsx");
    write_pack(store, (2026, 3), ElapsedCounting::Days, day(4, 10), &out).expect("pack");
    let mut book = calamine::open_workbook_auto(&out).expect("open");
    assert!(book.sheet_names().iter().any(|n| n == "考核"));
    let range = book.worksheet_range("考核").expect("sheet");
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(cell: &Data) -> String {
    cell.to_string()
}

/// The row whose column `c` reads `name`, after header row `from`.
fn row<'a>(rows: &'a [Vec<Data>], c: usize, name: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.get(c).map(text).as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no row {name}: {rows:?}"))
}

/// The value under `header` in `line`, reading the header row that precedes the line.
fn cell(rows: &[Vec<Data>], line: &[Data], header: &str) -> Data {
    let at = rows
        .iter()
        .position(|r| std::ptr::eq(r.as_slice(), line))
        .expect("line in rows");
    let head = rows[..at]
        .iter()
        .rev()
        .find(|r| r.first().map(text).as_deref() == Some("名次"))
        .expect("header row");
    let c = head
        .iter()
        .position(|h| text(h) == header)
        .unwrap_or_else(|| panic!("no column {header}: {head:?}"));
    line[c].clone()
}

fn n(x: i64) -> Data {
    Data::Float(x as f64)
}

#[test]
fn the_packs_appraisal_sheet_has_every_officers_and_teams_march_figures_and_rank() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    let z = march_zone(&mut store);
    let rows = appraisal_sheet(&store, dir.path());
    assert!(text(&rows[0][0]).starts_with("考核"), "{:?}", rows[0]);
    assert!(text(&rows[1][0]).contains("2026-03-01"), "{:?}", rows[1]);

    let wang = row(&rows, 1, "王杰");
    assert_eq!(cell(&rows, wang, "名次"), n(1), "Wang signed: first");
    assert_eq!(
        cell(&rows, wang, "队伍"),
        Data::String(z.manufacturing.name.clone())
    );
    assert_eq!(cell(&rows, wang, "外出天数"), n(3 + 2));
    assert_eq!(cell(&rows, wang, "拜访企业数"), n(2));
    assert_eq!(cell(&rows, wang, "活动数"), n(4));
    assert_eq!(cell(&rows, wang, "出差"), n(2));
    assert_eq!(
        cell(&rows, wang, "拜访"),
        n(2),
        "February's visit is not March's"
    );
    assert_eq!(cell(&rows, wang, "电话/视频"), n(0));
    assert_eq!(cell(&rows, wang, "签约个数"), n(1));
    assert_eq!(cell(&rows, wang, "签约金额（亿元）"), Data::Float(5.0));

    let li = row(&rows, 1, "李娜");
    assert_eq!(cell(&rows, li, "外出天数"), n(2));
    assert_eq!(cell(&rows, li, "新增线索"), n(1));
    assert_eq!(cell(&rows, li, "名次"), n(2));
    let zhao = row(&rows, 1, "赵敏");
    assert_eq!(cell(&rows, zhao, "电话/视频"), n(1));

    // The teams: person-days summed, a trip of two officers one trip.
    let team = row(&rows, 1, &z.manufacturing.name);
    assert_eq!(cell(&rows, team, "名次"), n(1));
    assert_eq!(cell(&rows, team, "外出天数"), n(7));
    assert_eq!(cell(&rows, team, "出差"), n(2));
    assert_eq!(cell(&rows, team, "签约金额（亿元）"), Data::Float(5.0));
    let services = row(&rows, 1, &z.services.name);
    assert_eq!(cell(&rows, services, "名次"), n(2));
    assert_eq!(cell(&rows, services, "活动数"), n(1));

    // The zone: each activity once (2 trips, 2 visits, 1 call).
    let zone = row(&rows, 1, "全区合计");
    assert_eq!(cell(&rows, zone, "活动数"), n(5));
    assert_eq!(cell(&rows, zone, "拜访"), n(2));

    // Every figure is the dashboard's.
    let appraisal = store.appraisal(day(3, 1), day(3, 31)).expect("appraisal");
    for (officer, name) in [(&z.wang, "王杰"), (&z.li, "李娜"), (&z.zhao, "赵敏")] {
        let figures = &appraisal
            .officers
            .iter()
            .find(|r| r.of == AppraisalOf::Officer(officer.id))
            .expect("row")
            .figures;
        let line = row(&rows, 1, name);
        assert_eq!(cell(&rows, line, "外出天数"), n(figures.trip_days));
        assert_eq!(
            cell(&rows, line, "拜访企业数"),
            n(figures.companies_visited)
        );
        assert_eq!(cell(&rows, line, "活动数"), n(figures.activities()));
    }
}

#[test]
fn with_reviewed_only_on_the_sheet_counts_the_approved_visit_alone() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    march_zone(&mut store);
    store
        .write(&[Write::SetSetting(REVIEWED_ONLY_KEY.into(), "1".into())])
        .expect("setting");
    let rows = appraisal_sheet(&store, dir.path());
    let wang = row(&rows, 1, "王杰");
    assert_eq!(cell(&rows, wang, "拜访企业数"), n(1));
    assert_eq!(cell(&rows, wang, "活动数"), n(1));
    assert_eq!(cell(&rows, wang, "外出天数"), n(0));
}

#[test]
fn a_zone_without_officers_gets_a_sheet_that_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::in_memory().expect("store");
    let rows = appraisal_sheet(&store, dir.path());
    assert!(
        rows.iter()
            .flatten()
            .any(|c| text(c).contains("没有招商人员")),
        "{rows:?}"
    );
}
