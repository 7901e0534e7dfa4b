//! The offices' trip and visit registers (外出招商登记表) as an officer brings them in: a GBK
//! CSV of visits and an .xlsx of trips read through the ledger's readers, rows refused with
//! the reason, names matched (unknown ones reported), duplicates skipped and counted, a damaged
//! file refused with a message, and an export that imports back to the same activities.

use std::collections::HashSet;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};
use uuid::Uuid;
use zhaoshang::app::agenda_import::{check_register, export_activities};
use zhaoshang::domain::activity::{Activity, ActivityFilter, ActivityStatus, default_types};
use zhaoshang::domain::{Officer, Project, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::io::activities::{Refusal, RegisterPreview, read_register};
use zhaoshang::store::{Store, Write};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("day")
}

fn today() -> NaiveDate {
    day(11, 30)
}

struct Zone {
    team: Team,
    wang: Officer,
    li: Officer,
    project: Project,
}

fn zone(store: &mut Store) -> Zone {
    let team = Team::new("深圳驻点组");
    let wang = Officer::new(team.id, "王杰");
    let li = Officer::new(team.id, "李娜");
    let project = Project::new("华康新能源电池项目");
    store
        .write(&[
            Write::PutTeam(team.clone()),
            Write::PutOfficer(wang.clone()),
            Write::PutOfficer(li.clone()),
            Write::PutProject(project.clone()),
        ])
        .expect("write");
    Zone {
        team,
        wang,
        li,
        project,
    }
}

fn preview_of(store: &Store, path: &Path) -> RegisterPreview {
    let register = read_register(path, &default_types(), today()).expect("read");
    check_register(store, register).expect("check")
}

fn write_new(store: &mut Store, preview: &RegisterPreview) {
    let writes: Vec<Write> = preview
        .new
        .iter()
        .map(|(_, a)| Write::PutActivity(a.clone()))
        .collect();
    store.write(&writes).expect("write");
}

fn stored(store: &Store) -> Vec<Activity> {
    store.activities(&ActivityFilter::default()).expect("list")
}

#[test]
fn a_gbk_csv_of_visits_is_read_with_names_matched_and_bad_rows_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let text = "外出招商登记表（十一月）\n\
        序号,日期,地点,拜访企业,参加人员,洽谈内容,下一步,关联项目\n\
        1,2026-11-03,深圳,华为、比亚迪,王杰、王五,洽谈电池项目落地,报送研判会,华康新能源电池项目\n\
        2,2026/11/5,上海,远景动力,李娜,初次接触,,不存在的项目\n\
        3,2026-13-01,杭州,某公司,王杰,,,\n\
        4,,广州,某公司,王杰,,,\n\
        ,,,,,,,\n\
        5,2026年11月6日,苏州,博世,王杰 李娜,,,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let path = dir.path().join("登记表.csv");
    std::fs::write(&path, &bytes).expect("write");
    let preview = preview_of(&store, &path);

    assert_eq!(preview.new.len(), 3, "{preview:?}");
    let (row, first) = &preview.new[0];
    assert_eq!(*row, 3, "the sheet's row number");
    assert_eq!(first.kind, "visit", "no 类型 and no 天数: visits");
    assert_eq!(first.status, ActivityStatus::Done, "a past row is done");
    assert_eq!((first.start, first.end), (day(11, 3), day(11, 3)));
    assert_eq!(first.place, "深圳");
    assert_eq!(first.companies, vec!["华为", "比亚迪"]);
    assert_eq!(first.officers, vec![z.wang.id], "王五 is no officer");
    assert_eq!(first.result, "洽谈电池项目落地");
    assert_eq!(first.next_step, "报送研判会");
    assert_eq!(first.projects, vec![z.project.id]);
    assert_eq!(preview.new[1].1.start, day(11, 5));
    assert_eq!(preview.new[2].1.officers, vec![z.wang.id, z.li.id]);

    let unknown: Vec<(usize, &str)> = preview
        .unknown_officers
        .iter()
        .map(|n| (n.sheet_row, n.name.as_str()))
        .collect();
    assert_eq!(unknown, vec![(3, "王五")]);
    assert_eq!(preview.unknown_projects[0].name, "不存在的项目");

    let refused: Vec<(usize, Refusal)> = preview
        .refused
        .iter()
        .map(|r| (r.sheet_row, r.reason.clone()))
        .collect();
    assert_eq!(
        refused,
        vec![
            (5, Refusal::BadDate("2026-13-01".into())),
            (6, Refusal::NoDate)
        ]
    );
    assert!(
        preview.refused[0]
            .reason
            .text(Lang::Zh)
            .contains("2026-13-01")
    );
}

/// An .xlsx register with real date cells and a 类型 column.
fn trips_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    let header = [
        "类型",
        "开始日期",
        "结束日期",
        "地点",
        "参加人员",
        "拜访企业",
        "洽谈内容",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("cell");
    }
    type Line<'a> = (&'a str, (u32, u32), (u32, u32), &'a str);
    let rows: [Line; 4] = [
        ("出差", (11, 2), (11, 6), "深圳"),
        ("拜访", (11, 3), (11, 3), "深圳"),
        ("考察", (11, 10), (11, 10), "成都"),
        ("出差", (11, 20), (11, 18), "北京"),
    ];
    for (i, (kind, (m1, d1), (m2, d2), place)) in rows.iter().enumerate() {
        let r = 1 + i as u32;
        let x = |m: u32, d: u32| {
            rust_xlsxwriter::ExcelDateTime::from_ymd(2026, m as u8, d as u8).expect("date")
        };
        sheet.write_string(r, 0, *kind).expect("cell");
        sheet
            .write_date_with_format(r, 1, x(*m1, *d1), &date)
            .expect("cell");
        sheet
            .write_date_with_format(r, 2, x(*m2, *d2), &date)
            .expect("cell");
        sheet.write_string(r, 3, *place).expect("cell");
        sheet.write_string(r, 4, "李娜").expect("cell");
    }
    sheet.write_string(2, 5, "腾讯").expect("cell");
    book.save(path).expect("save");
}

#[test]
fn an_xlsx_of_trips_reads_date_cells_and_types_and_refuses_an_unknown_type_and_a_reversed_trip() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    let z = zone(&mut store);
    let path = dir.path().join("外出招商登记表.xlsx");
    trips_xlsx(&path);
    let preview = preview_of(&store, &path);
    assert_eq!(preview.new.len(), 2, "{preview:?}");
    let trip = &preview.new[0].1;
    assert_eq!(trip.kind, "trip");
    assert_eq!((trip.start, trip.end), (day(11, 2), day(11, 6)));
    assert_eq!(trip.days(), 5);
    assert_eq!(trip.officers, vec![z.li.id]);
    let visit = &preview.new[1].1;
    assert_eq!(visit.kind, "visit");
    assert_eq!(visit.companies, vec!["腾讯"]);
    let refused: Vec<(usize, Refusal)> = preview
        .refused
        .iter()
        .map(|r| (r.sheet_row, r.reason.clone()))
        .collect();
    assert_eq!(refused.len(), 2);
    assert_eq!(refused[0], (4, Refusal::UnknownType("考察".into())));
    assert_eq!(refused[1].0, 5);
    assert!(
        refused[1].1.text(Lang::Zh).contains("结束早于开始"),
        "{:?}",
        refused[1]
    );
}

#[test]
fn a_register_without_a_type_column_but_with_days_is_read_as_trips() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    zone(&mut store);
    let path = dir.path().join("出差.csv");
    std::fs::write(
        &path,
        "日期,天数,地点,参加人员\n2026-11-02,3,深圳,李娜\n2026-11-09,三,上海,李娜\n",
    )
    .expect("write");
    let preview = preview_of(&store, &path);
    assert_eq!(preview.new.len(), 1);
    assert_eq!(preview.new[0].1.kind, "trip");
    assert_eq!(preview.new[0].1.end, day(11, 4), "3 days, inclusive");
    assert_eq!(preview.refused[0].reason, Refusal::BadDays("三".into()));
}

#[test]
fn rows_already_in_the_ledger_or_repeated_in_the_file_are_skipped_and_counted() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    zone(&mut store);
    let path = dir.path().join("拜访.csv");
    std::fs::write(
        &path,
        "日期,地点,拜访企业,参加人员\n\
         2026-11-03,深圳,华为、比亚迪,王杰\n\
         2026-11-03,深圳,比亚迪、华为,李娜\n\
         2026-11-04,深圳,华为,王杰\n",
    )
    .expect("write");
    let first = preview_of(&store, &path);
    assert_eq!(first.new.len(), 2);
    assert_eq!(
        first.duplicates, 1,
        "the same type, day, place and companies"
    );
    write_new(&mut store, &first);
    let again = preview_of(&store, &path);
    assert!(again.new.is_empty());
    assert_eq!(again.duplicates, 3);
    assert_eq!(stored(&store).len(), 2);
}

#[test]
fn an_exported_register_imports_back_to_the_same_activities() {
    let dir = tempfile::tempdir().expect("dir");
    let mut from = Store::in_memory().expect("store");
    let z = zone(&mut from);
    let mut trip = Activity::new("trip", day(11, 2));
    trip.end = day(11, 6);
    trip.place = "深圳".into();
    trip.officers = vec![z.wang.id, z.li.id];
    trip.leader_present = true;
    trip.status = ActivityStatus::Done;
    let mut visit = Activity::new("visit", day(11, 3));
    visit.start_time = NaiveTime::from_hms_opt(9, 30, 0);
    visit.end_time = NaiveTime::from_hms_opt(11, 0, 0);
    visit.place = "深圳".into();
    visit.officers = vec![z.li.id];
    visit.projects = vec![z.project.id];
    visit.companies = vec!["华为".into(), "=SUM(A1)".into()];
    visit.result = "洽谈落地，意向较强".into();
    visit.next_step = "报送研判会".into();
    visit.status = ActivityStatus::Done;
    let mut planned = Activity::new("followup", day(12, 10));
    planned.place = "上海".into();
    planned.officers = vec![z.wang.id];
    let made = [trip, visit, planned];
    let writes: Vec<Write> = made.iter().cloned().map(Write::PutActivity).collect();
    from.write(&writes).expect("write");
    let out = dir.path().join("导出.xlsx");
    let all = ActivityFilter::default();
    assert_eq!(export_activities(&from, &all, &out).expect("export"), 3);

    // Into another file with the same officers and project: the same activities.
    let mut to = Store::in_memory().expect("store");
    to.write(&[
        Write::PutTeam(z.team.clone()),
        Write::PutOfficer(z.wang.clone()),
        Write::PutOfficer(z.li.clone()),
        Write::PutProject(z.project.clone()),
    ])
    .expect("write");
    let preview = preview_of(&to, &out);
    assert!(preview.refused.is_empty(), "{:?}", preview.refused);
    assert!(preview.unknown_officers.is_empty() && preview.unknown_projects.is_empty());
    let same = |a: &Activity| Activity {
        id: Uuid::nil(),
        ..a.clone()
    };
    let back: Vec<Activity> = preview.new.iter().map(|(_, a)| same(a)).collect();
    assert_eq!(back, made.iter().map(same).collect::<Vec<_>>());
    // Into the file it came from: every row is already there.
    let home = preview_of(&from, &out);
    assert!(home.new.is_empty());
    assert_eq!(home.duplicates, 3);
    let kinds: HashSet<String> = stored(&from).into_iter().map(|a| a.kind).collect();
    assert_eq!(kinds.len(), 3);
}

#[test]
fn a_damaged_register_is_refused_with_a_message_and_reads_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("好.xlsx");
    trips_xlsx(&good);
    let bytes = std::fs::read(&good).expect("read");
    let damaged = dir.path().join("坏.xlsx");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).expect("write");
    let err = read_register(&damaged, &default_types(), today()).expect_err("refused");
    let text = err.text(Lang::Zh);
    assert!(text.contains("表格文件"), "{text}");
    // Not a register at all: a sheet without a date column.
    let other = dir.path().join("名单.csv");
    std::fs::write(&other, "姓名,电话\n王杰,138\n").expect("write");
    let err = read_register(&other, &default_types(), today()).expect_err("refused");
    assert!(
        err.text(Lang::Zh).contains("找不到表头"),
        "{}",
        err.text(Lang::Zh)
    );
}

/// `activity import FILE --dry-run` checks and writes nothing; without it, writes; `activity
/// export` writes a register that the same command reads back as all duplicates.
#[test]
fn the_command_line_imports_checks_only_with_dry_run_and_exports() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("z.db");
    {
        let mut store = Store::open(&db).expect("store");
        zone(&mut store);
    }
    let register = dir.path().join("登记表.csv");
    std::fs::write(
        &register,
        "日期,地点,拜访企业,参加人员\n2026-11-03,深圳,华为,王五\n2026-11-04,深圳,腾讯,李娜\n",
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_zhaoshang"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let file = register.to_str().expect("path");
    let dry = run(&["activity", "import", file, "--dry-run"]);
    assert!(dry.contains("将新增 2 项活动"), "{dry}");
    assert!(dry.contains("第 2 行：王五"), "{dry}");
    assert!(dry.contains("未写入"), "{dry}");
    assert!(stored(&Store::open(&db).expect("store")).is_empty());
    let done = run(&["activity", "import", file]);
    assert!(done.contains("已导入 2 项活动"), "{done}");
    assert_eq!(stored(&Store::open(&db).expect("store")).len(), 2);
    let out = dir.path().join("导出.xlsx");
    let out_text = out.to_str().expect("path");
    let exported = run(&[
        "activity",
        "export",
        "--out",
        out_text,
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
    ]);
    assert!(exported.contains("已导出 2 项活动"), "{exported}");
    let again = run(&["activity", "import", out_text]);
    assert!(again.contains("跳过：2 行"), "{again}");
}
