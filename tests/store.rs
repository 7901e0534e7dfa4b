//! Store integration tests: every field round-trips, migrations run from empty, and every
//! unsafe file is refused with its message while its bytes stay as they were.

mod common;

use common::day;

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use zhaoshang::domain::money::{Rate, YI};
use zhaoshang::domain::region::EconomicRegion;
use zhaoshang::domain::{
    CapitalType, Currency, Money, Officer, Ownership, Project, RateTable, Stage, Team, TeamKind,
};
use zhaoshang::i18n::{Lang, open_error_text};
use zhaoshang::store::migrations::LATEST_VERSION;
use zhaoshang::store::{OpenError, ProjectFilter, SortColumn, SortOrder, Store, Write};

fn full_project(team: &Team, officer: &Officer, money: Money) -> Project {
    let mut p = Project::new("凯腾世链传动系统大中华区总部及生产基地项目");
    p.company = "凯腾世链传动（南京）有限公司".into();
    p.credit_code = "91310000132149237G".into();
    p.industry = "汽车零部件".into();
    p.chain_link = "链传动系统".into();
    p.investment = Some(money);
    p.origin = "德国慕尼黑".into();
    p.capital_type = Some(CapitalType::Foreign);
    p.ownership = Some(Ownership::ForeignOwned);
    p.is_headquarters = true;
    p.stage = Stage::Production;
    p.set_stage_date(Stage::Lead, Some(day(2022, 1, 10)));
    p.set_stage_date(Stage::Negotiating, Some(day(2022, 3, 1)));
    p.set_stage_date(Stage::Signed, Some(day(2022, 5, 20)));
    p.set_stage_date(Stage::Construction, Some(day(2022, 9, 1)));
    p.set_stage_date(Stage::Production, Some(day(2023, 3, 31)));
    p.team_id = Some(team.id);
    p.officer_id = Some(officer.id);
    p.land_centi_mu = Some(12_050);
    p.annual_output_cny = Some(5 * YI);
    p.annual_tax_cny = Some(2_500 * 10_000);
    p.jobs = Some(320);
    p.next_step = "协调二期用地".into();
    p.next_step_due = Some(day(2023, 10, 8));
    p.notes = "“云签约”，不到一年投运；负责人：张喆、王堃、李犇".into();
    p.tags = vec!["链主".into(), "外资总部".into()];
    p
}

fn team_and_officer() -> (Team, Officer) {
    let mut team = Team::new("智能制造产业发展部");
    team.kind = TeamKind::IndustryBureau;
    team.focus_industries = vec!["智能制造".into(), "汽车零部件".into()];
    let mut officer = Officer::new(team.id, "张喆");
    officer.role = "组长".into();
    officer.phone = "13900000000".into();
    (team, officer)
}

#[test]
fn every_field_round_trips_in_every_currency() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.db");
    let (team, officer) = team_and_officer();
    let mut projects = Vec::new();
    for (i, currency) in Currency::ALL.into_iter().enumerate() {
        let mut p = full_project(
            &team,
            &officer,
            Money {
                units: 30_000_000 + i as i64,
                currency,
            },
        );
        p.name = format!("{}{i}", p.name);
        projects.push(p);
    }
    {
        let mut store = Store::open(&path).unwrap();
        let mut writes = vec![
            Write::PutTeam(team.clone()),
            Write::PutOfficer(officer.clone()),
        ];
        writes.extend(projects.iter().cloned().map(Write::PutProject));
        store.write(&writes).unwrap();
    }
    // Read back through a fresh open, as the next day's session would.
    let store = Store::open(&path).unwrap();
    for p in &projects {
        assert_eq!(store.project(p.id).unwrap().as_ref(), Some(p));
    }
    assert_eq!(store.teams().unwrap(), vec![team]);
    assert_eq!(store.officers().unwrap(), vec![officer]);
}

#[test]
fn cny_equivalents_follow_the_rate_table() {
    let mut store = Store::in_memory().unwrap();
    let (team, officer) = team_and_officer();
    let eur = full_project(
        &team,
        &officer,
        Money {
            units: 30_000_000,
            currency: Currency::Eur,
        },
    );
    let cny = {
        let mut p = full_project(&team, &officer, Money::cny(50 * YI));
        p.credit_code.clear();
        p
    };
    store
        .write(&[
            Write::PutTeam(team),
            Write::PutOfficer(officer),
            Write::PutProject(eur.clone()),
            Write::PutProject(cny.clone()),
        ])
        .unwrap();
    // Default EUR rate 7.7: 3000万欧元 → 2.31亿元.
    let totals = store.ledger_totals(&ProjectFilter::default()).unwrap();
    assert_eq!(totals.count, 2);
    assert_eq!(totals.amount_cny, 50 * YI + 231_000_000);
    let rates = RateTable::new(vec![Rate {
        currency: Currency::Eur,
        effective: day(2022, 1, 1),
        cny_per_unit_micro: 7_812_345,
    }]);
    store.write(&[Write::SetRates(rates.clone())]).unwrap();
    assert_eq!(store.rates().unwrap(), rates);
    let totals = store.ledger_totals(&ProjectFilter::default()).unwrap();
    assert_eq!(totals.amount_cny, 50 * YI + 234_370_350);
}

#[test]
fn a_new_file_is_migrated_from_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("new.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    assert!(
        store
            .industries()
            .unwrap()
            .contains(&"生物医药".to_string())
    );
    assert_eq!(store.project_count().unwrap(), 0);
    assert!(store.migration_backup().is_none());
    drop(store);
    // Opening again changes nothing and makes no copy.
    let store = Store::open(&path).unwrap();
    assert!(store.migration_backup().is_none());
}

#[test]
fn search_finds_two_character_words_in_name_company_and_notes() {
    let mut store = Store::in_memory().unwrap();
    let (team, officer) = team_and_officer();
    let mut a = full_project(&team, &officer, Money::cny(3 * YI));
    a.name = "宁德时代动力电池项目".into();
    a.company = "宁德时代新能源科技股份有限公司".into();
    a.notes = "已完成签约".into();
    a.credit_code.clear();
    let mut b = full_project(&team, &officer, Money::cny(2 * YI));
    b.name = "传奇生物细胞治疗项目".into();
    b.company = "南京传奇生物科技有限公司".into();
    b.notes = "洽谈中".into();
    b.credit_code.clear();
    store
        .write(&[
            Write::PutTeam(team),
            Write::PutOfficer(officer),
            Write::PutProject(a.clone()),
            Write::PutProject(b.clone()),
        ])
        .unwrap();
    fn found(store: &Store, q: &str) -> Vec<String> {
        let filter = ProjectFilter {
            search: q.into(),
            ..Default::default()
        };
        let keys = store
            .ledger_keys(&filter, SortColumn::Name, SortOrder::Ascending)
            .unwrap();
        store
            .ledger_rows(&keys)
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect()
    }
    let names = |q: &str| found(&store, q);
    assert_eq!(names("签约"), vec![a.name.clone()]);
    assert_eq!(names("新能"), vec![a.name.clone()]);
    assert_eq!(names("生物"), vec![b.name.clone()]);
    assert_eq!(names("细胞治疗"), vec![b.name.clone()]);
    assert_eq!(names("传"), vec![b.name.clone()]);
    assert_eq!(names("电池 宁德"), vec![a.name.clone()]);
    assert!(names("隔膜").is_empty());
    assert_eq!(names("").len(), 2);
    // A deleted project is no longer found.
    store.write(&[Write::DeleteProject(a.id)]).unwrap();
    assert!(found(&store, "签约").is_empty());
}

#[test]
fn filters_by_region_tier_stage_and_date() {
    let mut store = Store::in_memory().unwrap();
    let (team, officer) = team_and_officer();
    let mut writes = vec![
        Write::PutTeam(team.clone()),
        Write::PutOfficer(officer.clone()),
    ];
    let specs = [
        ("深圳", 12 * YI, "2023-03-01"),
        ("苏州", 3 * YI, "2023-09-04"),
        ("德国", 150 * YI, "2024-01-02"),
    ];
    for (origin, amount, signed) in specs {
        let mut p = full_project(&team, &officer, Money::cny(amount));
        p.credit_code.clear();
        p.origin = origin.into();
        p.stage = Stage::Signed;
        p.stage_dates = [None; 7];
        p.set_stage_date(
            Stage::Signed,
            NaiveDate::parse_from_str(signed, "%Y-%m-%d").ok(),
        );
        writes.push(Write::PutProject(p));
    }
    store.write(&writes).unwrap();
    let count = |f: ProjectFilter| store.ledger_totals(&f).unwrap().count;
    assert_eq!(
        count(ProjectFilter {
            region: Some(EconomicRegion::GreaterBayArea),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(ProjectFilter {
            region: Some(EconomicRegion::Abroad),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(ProjectFilter {
            amount_cny_min: Some(10 * YI),
            amount_cny_max: Some(30 * YI),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(ProjectFilter {
            stages: vec![Stage::Signed],
            ..Default::default()
        }),
        3
    );
    assert_eq!(
        count(ProjectFilter {
            stages: vec![Stage::Lead],
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(ProjectFilter {
            date_from: Some(day(2023, 1, 1)),
            date_to: Some(day(2023, 12, 31)),
            ..Default::default()
        }),
        2
    );
    let keys = store
        .ledger_keys(
            &ProjectFilter::default(),
            SortColumn::Amount,
            SortOrder::Descending,
        )
        .unwrap();
    let origins: Vec<String> = store
        .ledger_rows(&keys)
        .unwrap()
        .into_iter()
        .map(|r| r.origin)
        .collect();
    assert_eq!(origins, vec!["德国", "深圳", "苏州"]);
}

#[test]
fn duplicates_are_found_by_credit_code_company_and_similar_name() {
    let mut store = Store::in_memory().unwrap();
    let (team, officer) = team_and_officer();
    let existing = full_project(&team, &officer, Money::cny(YI));
    store
        .write(&[
            Write::PutTeam(team.clone()),
            Write::PutOfficer(officer.clone()),
            Write::PutProject(existing.clone()),
        ])
        .unwrap();
    let mut same_code = Project::new("完全不同的名字");
    same_code.credit_code = existing.credit_code.clone();
    assert!(!store.duplicates_of(&same_code).unwrap().is_empty());
    let mut similar = Project::new("凯腾世链传动系统大中华区总部项目");
    similar.company = "别的公司".into();
    let hints = store.duplicates_of(&similar).unwrap();
    assert!(
        matches!(
            hints.as_slice(),
            [zhaoshang::store::DuplicateHint::SimilarName { .. }]
        ),
        "{hints:?}"
    );
    let unrelated = Project::new("传奇生物细胞治疗项目");
    assert!(store.duplicates_of(&unrelated).unwrap().is_empty());
    // The project itself is never its own duplicate.
    assert!(store.duplicates_of(&existing).unwrap().is_empty());
}

/// Opens `path`, expects the refusal `check` describes, and compares the bytes before and after.
fn refused(path: &Path, check: impl Fn(&OpenError) -> bool, words: &str) {
    let before = fs::read(path).unwrap();
    let error = match Store::open(path) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(e) => e,
    };
    assert!(check(&error), "{error:?}");
    let message = open_error_text(Lang::Zh, &error);
    assert!(message.contains(&path.display().to_string()), "{message}");
    assert!(message.contains(words), "{message}");
    assert!(message.contains("打开其他数据库"), "{message}");
    assert_eq!(fs::read(path).unwrap(), before, "bytes changed");
    let wal = path.with_extension("db-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);
}

fn healthy_ledger(path: &Path, projects: usize) {
    let mut store = Store::open(path).unwrap();
    let (writes, _) = common::demo_writes(projects, 1, day(2026, 11, 1));
    store.write(&writes).unwrap();
    drop(store);
}

/// Scribbles over a few pages in the middle: the header stays valid, the b-trees do not.
/// Returns the damaged bytes as written.
fn damage_middle_pages(path: &Path) -> Vec<u8> {
    let mut bytes = fs::read(path).unwrap();
    let page = 4096;
    let middle = bytes.len() / page / 2 * page;
    for b in &mut bytes[middle..middle + 3 * page] {
        *b = 0x5A;
    }
    fs::write(path, &bytes).unwrap();
    bytes
}

#[test]
fn an_empty_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    fs::write(&path, b"").unwrap();
    refused(&path, |e| matches!(e, OpenError::EmptyFile { .. }), "0字节");
}

#[test]
fn a_spreadsheet_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.db");
    fs::write(&path, "项目名称,总投资\n上汽大通,50亿\n".repeat(20)).unwrap();
    refused(
        &path,
        |e| matches!(e, OpenError::NotADatabase { .. }),
        "不是数据库",
    );
}

#[test]
fn a_truncated_ledger_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cut.db");
    healthy_ledger(&path, 300);
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    refused(
        &path,
        |e| matches!(e, OpenError::Truncated { .. }),
        "不完整",
    );
}

#[test]
fn a_damaged_ledger_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.db");
    healthy_ledger(&path, 300);
    damage_middle_pages(&path);
    refused(&path, |e| matches!(e, OpenError::Damaged { .. }), "损坏");
}

#[test]
fn a_newer_ledger_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    healthy_ledger(&path, 10);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 5)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    refused(&path, |e| matches!(e, OpenError::TooNew { .. }), "更新版本");
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    refused(
        &path,
        |e| matches!(e, OpenError::NotOurs { .. }),
        "其他软件",
    );
}

#[test]
fn reopening_a_current_ledger_neither_migrates_nor_copies() {
    // With one migration there is no older schema yet; the copy-before-migrate path is taken
    // from the second migration on. What can be checked now: a current file is left alone.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("current.db");
    healthy_ledger(&path, 5);
    let store = Store::open(&path).unwrap();
    assert!(store.migration_backup().is_none());
    assert_eq!(store.project_count().unwrap(), 5);
    let copies = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".bak")
        })
        .count();
    assert_eq!(copies, 0);
}

#[test]
fn a_damaged_ledger_opened_for_the_window_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged-later.db");
    healthy_ledger(&path, 300);
    let bytes = damage_middle_pages(&path);
    // The window's open returns at once; the page check runs behind it.
    let mut store = Store::open_check_later(&path).unwrap();
    let error = store
        .write(&[Write::PutProject(Project::new("不应写入"))])
        .unwrap_err();
    assert!(
        matches!(error, zhaoshang::store::StoreError::Damaged(_)),
        "{error}"
    );
    assert!(store.integrity_problem().is_some());
    drop(store);
    assert_eq!(fs::read(&path).unwrap(), bytes, "bytes changed");
}

#[test]
fn a_healthy_ledger_opened_for_the_window_takes_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("healthy-later.db");
    healthy_ledger(&path, 20);
    let mut store = Store::open_check_later(&path).unwrap();
    store
        .write(&[Write::PutProject(Project::new("新项目"))])
        .unwrap();
    assert!(store.integrity_problem().is_none());
    assert_eq!(store.project_count().unwrap(), 21);
}

#[test]
fn a_ledger_opened_to_read_answers_but_refuses_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zone.db");
    let mut store = Store::open(&path).unwrap();
    store
        .write(&[Write::PutProject(Project::new("宁德时代储能项目"))])
        .unwrap();
    drop(store);
    let mut reader = Store::open_to_read(&path).unwrap();
    assert_eq!(reader.project_count().unwrap(), 1);
    let refused = reader.write(&[Write::PutProject(Project::new("不该写入"))]);
    assert!(matches!(
        refused,
        Err(zhaoshang::store::StoreError::ReadOnly)
    ));
    drop(reader);
    assert_eq!(Store::open(&path).unwrap().project_count().unwrap(), 1);
}
