//! Import and export of Excel/CSV ledgers: fixtures built here as offices write them (title
//! lines, units in headers and cells, GBK, serial dates, 合计 rows, bad rows, duplicates), the
//! export → import round trip, and the command line.

mod common;

use common::{day, zhaoshang};

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use uuid::Uuid;
use zhaoshang::app::import::ImportState;
use zhaoshang::app::{Action, AppState, ImportAction, LedgerAction};
use zhaoshang::domain::money::{WAN, YI};
use zhaoshang::domain::{CapitalType, Currency, Money, Officer, Ownership, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::io::header::Field;
use zhaoshang::io::import::{DuplicatePolicy, Existing, IssueKind, Progress};
use zhaoshang::io::sheet::{ReadError, read_bytes};
use zhaoshang::io::{ImportPreview, PreviewError};
use zhaoshang::store::{Store, Write};

/// A cell of a fixture workbook.
enum C {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}

fn xlsx_bytes(rows: &[Vec<C>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("2025上半年").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::S(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                C::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                C::D(y, m, d) => {
                    let x = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
                    sheet.write_date_with_format(r, c, &x, &date).unwrap();
                }
                C::E => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn preview_of(bytes: &[u8], ext: &str, existing: &Existing) -> Result<ImportPreview, PreviewError> {
    let book = read_bytes(bytes, ext, None)?;
    zhaoshang::io::import::preview(&book, None, existing, &Progress::default())
}

/// An office's half-year ledger: a merged title, a date line, units in the header, a bad row,
/// a blank row and a 合计 row.
fn office_ledger() -> Vec<u8> {
    use C::*;
    xlsx_bytes(&[
        vec![S("2025年上半年新签约亿元以上项目台账")],
        vec![
            S("填报单位：经开区招商局"),
            E,
            E,
            E,
            S("填报日期：2025年7月1日"),
        ],
        vec![
            S("序号"),
            S("项目名称"),
            S("签约企业"),
            S("产业类别"),
            S("计划总投资\n（亿元）"),
            S("客商来源地"),
            S("项目进展"),
            S("签约时间"),
            S("开工日期"),
            S("责任单位"),
            S("联系电话"),
        ],
        vec![
            N(1.0),
            S("动力电池隔膜项目"),
            S("恩捷新材料有限公司"),
            S("新能源"),
            N(12.5),
            S("上海"),
            S("已开工"),
            D(2025, 1, 8),
            N(45731.0), // an Excel serial typed as a number: 2025-03-15
            S("新能源招商组"),
            S("138"),
        ],
        vec![
            N(2.0),
            S("汽车电子研发中心"),
            S("博世（中国）投资有限公司"),
            S("智能制造"),
            S("3000万欧元"),
            S("德国"),
            S("洽谈"),
            E,
            E,
            S("驻德招商小分队"),
            E,
        ],
        vec![
            N(3.0),
            S("生物医药产业园"),
            S("药明生物"),
            S("生物医药"),
            S("约1.2亿美元"),
            S("江苏无锡"),
            S("已签约"),
            S("2025年3月4日"),
            E,
            S("新能源招商组"),
            E,
        ],
        vec![E, E, E, E, E, E, E, E, E, E, E],
        vec![
            N(4.0),
            S("数据中心"),
            S("某云计算公司"),
            S("数字经济"),
            S("待定"),
            S("北京"),
            S("已签约"),
            S("2025/2/30"),
            E,
            S("新能源招商组"),
            E,
        ],
        // A template row numbered ahead of the data: blank.
        vec![N(5.0)],
        vec![E, S("合计"), E, E, N(13.0)],
    ])
}

#[test]
fn an_office_ledger_is_read_below_its_title_with_units_dates_and_a_bad_row() {
    let preview = preview_of(&office_ledger(), "xlsx", &Existing::default()).unwrap();
    assert_eq!(
        preview.header_row, 3,
        "the header is found below two title lines"
    );
    assert_eq!(
        preview.rows.len(),
        3,
        "three good rows: {:?}",
        preview.issues
    );
    assert_eq!(preview.bad_rows, 1);
    assert_eq!(
        preview.blank_rows, 2,
        "the empty row and the numbered template row"
    );

    let battery = &preview.rows[0].project();
    assert_eq!(battery.name, "动力电池隔膜项目");
    assert_eq!(battery.company, "恩捷新材料有限公司");
    assert_eq!(
        battery.investment,
        Some(Money::cny(12 * YI + YI / 2)),
        "12.5 with 亿元 in the header"
    );
    assert_eq!(battery.stage, Stage::Construction);
    assert_eq!(battery.signed_date(), Some(day(2025, 1, 8)), "a date cell");
    assert_eq!(
        battery.stage_date(Stage::Construction),
        Some(day(2025, 3, 15)),
        "an Excel serial number"
    );
    let bosch = &preview.rows[1].project();
    assert_eq!(
        bosch.investment,
        Some(Money {
            units: 3000 * WAN,
            currency: Currency::Eur
        }),
        "the unit in the cell wins over the header's"
    );
    assert_eq!(bosch.stage, Stage::Negotiating);
    let pharma = &preview.rows[2].project();
    assert_eq!(
        pharma.investment,
        Some(Money {
            units: 120_000_000,
            currency: Currency::Usd
        })
    );
    assert_eq!(pharma.signed_date(), Some(day(2025, 3, 4)));

    // Errors name row, column and reason; text in an amount is an error, never 0.
    let errors: Vec<_> = preview.errors().collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors.iter().all(|e| e.row == 8),
        "the bad row is row 8 of the sheet"
    );
    let amount = errors
        .iter()
        .find(|e| matches!(e.kind, IssueKind::Amount(_)))
        .unwrap();
    assert!(amount.column.starts_with("E "), "{}", amount.column);
    assert!(
        amount.text(Lang::Zh).contains("待定"),
        "{}",
        amount.text(Lang::Zh)
    );
    let date = errors
        .iter()
        .find(|e| matches!(e.kind, IssueKind::Date(_)))
        .unwrap();
    assert!(date.column.starts_with("H "));
    assert!(date.text(Lang::Zh).contains("2025/2/30"));

    // 约 is kept as a warning; the unknown 联系电话 column is listed; the 合计 row is checked
    // (12.5亿 + … in several currencies cannot be summed, so it says it could not check).
    let warnings: Vec<_> = preview.warnings().collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.row == 6 && matches!(w.kind, IssueKind::Approximate(_)))
    );
    assert!(
        warnings
            .iter()
            .any(|w| matches!(&w.kind, IssueKind::Ignored(h) if h == "联系电话"))
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.row == 10 && matches!(w.kind, IssueKind::TotalUnchecked))
    );
    assert!(
        preview
            .rows
            .iter()
            .all(|r| !r.project().name.contains("合计"))
    );

    let teams: Vec<&str> = preview.new_teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(teams, ["新能源招商组", "驻德招商小分队"]);
    assert_eq!(preview.new_industries, ["新能源", "智能制造", "生物医药"]);
}

#[test]
fn a_total_row_that_disagrees_with_the_rows_above_is_flagged() {
    use C::*;
    let bytes = xlsx_bytes(&[
        vec![S("项目名称"), S("总投资(万元)"), S("签约日期")],
        vec![S("甲项目"), S("3,100"), S("2023-09-04")],
        vec![S("乙项目"), S("８０００"), S("2023.9.4")],
        vec![S("小计"), N(11100.0)],
        vec![S("丙项目"), N(900.0), S("2023/9/4")],
        vec![S("合  计"), N(13000.0)],
    ]);
    let preview = preview_of(&bytes, "xlsx", &Existing::default()).unwrap();
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(
        preview.rows[0].project().investment,
        Some(Money::cny(3100 * WAN))
    );
    assert_eq!(
        preview.rows[1].project().investment,
        Some(Money::cny(8000 * WAN)),
        "full-width digits"
    );
    assert!(
        preview
            .rows
            .iter()
            .all(|r| r.project().signed_date() == Some(day(2023, 9, 4)))
    );
    let mismatches: Vec<_> = preview
        .warnings()
        .filter(|w| matches!(w.kind, IssueKind::TotalMismatch { .. }))
        .collect();
    assert_eq!(mismatches.len(), 1, "the 小计 is right, the 合计 is not");
    assert_eq!(mismatches[0].row, 6);
    let text = mismatches[0].text(Lang::Zh);
    assert!(
        text.contains("1.3亿元") && text.contains("1.2亿元"),
        "{text}"
    );
}

#[test]
fn a_gbk_csv_with_semicolons_and_units_in_cells_reads() {
    let text = "台账（单位：万元）\n项目名称;投资方;投资额;阶段;签约日期\n新材料项目;某某新材料有限公司;8000万;签约;2023年9月4日\n芯片项目;某芯片公司;1.5亿;竣工投产;2023-01-02\n外资项目;某外企;500万美元;在谈;\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let preview = preview_of(&gbk, "csv", &Existing::default()).unwrap();
    assert!(
        preview
            .detected
            .as_deref()
            .unwrap_or("")
            .contains("GB18030")
    );
    assert_eq!(preview.error_count(), 0, "{:?}", preview.issues);
    let amounts: Vec<_> = preview
        .rows
        .iter()
        .map(|r| r.project().investment)
        .collect();
    assert_eq!(
        amounts,
        [
            Some(Money::cny(8000 * WAN)),
            Some(Money::cny(15 * YI / 10)),
            Some(Money {
                units: 500 * WAN,
                currency: Currency::Usd
            })
        ]
    );
    assert_eq!(preview.rows[0].project().company, "某某新材料有限公司");
    assert_eq!(preview.rows[1].project().stage, Stage::Production);
}

#[test]
fn bare_amounts_without_any_unit_are_taken_as_wan_with_a_warning() {
    let csv = "项目名称,总投资\nA,3000\n";
    let preview = preview_of(csv.as_bytes(), "csv", &Existing::default()).unwrap();
    assert_eq!(
        preview.rows[0].project().investment,
        Some(Money::cny(3000 * WAN))
    );
    assert!(preview.warnings().any(|w| w.kind == IssueKind::NoUnit));
}

#[test]
fn empty_files_and_files_that_are_not_spreadsheets_are_refused_with_a_reason() {
    let none = Existing::default();
    assert!(matches!(
        preview_of(b"", "xlsx", &none),
        Err(PreviewError::Read(ReadError::Empty))
    ));
    assert!(matches!(
        preview_of(b"\xEF\xBB\xBF\r\n,,,\r\n", "csv", &none),
        Err(PreviewError::Read(ReadError::Empty))
    ));
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let err = preview_of(png, "xlsx", &none).unwrap_err();
    assert!(
        err.text(Lang::Zh).contains("不是表格文件"),
        "{}",
        err.text(Lang::Zh)
    );
    let letter = "尊敬的领导：\n现将上半年招商工作情况汇报如下。\n";
    let err = preview_of(letter.as_bytes(), "csv", &none).unwrap_err();
    assert_eq!(err, PreviewError::NoHeader);
    assert!(err.text(Lang::Zh).contains("找不到表头"));
    let empty_book = {
        let mut book = Workbook::new();
        book.add_worksheet();
        book.save_to_buffer().unwrap()
    };
    assert!(matches!(
        preview_of(&empty_book, "xlsx", &none),
        Err(PreviewError::Read(ReadError::Empty))
    ));
}

// ---------------------------------------------------------------------------------------------
// Through the app: duplicates, one undo step, the mapping remembered.

fn state_with(store: Store) -> AppState {
    AppState::new(store, day(2025, 7, 1), Lang::Zh)
}

/// Starts an import of `path` and waits for the preview.
fn open_preview(state: &mut AppState, path: &Path) {
    state.apply(ImportAction::Start(path.to_path_buf(), None));
    wait(state);
}

fn wait(state: &mut AppState) {
    common::wait_for(state, "the import check", |s| {
        s.prepare_frame();
        !matches!(s.import, Some(ImportState::Working { .. }))
    });
}

fn ready(state: &AppState) -> &zhaoshang::app::import::ImportSession {
    match &state.import {
        Some(ImportState::Ready(s)) => s,
        Some(ImportState::Failed { message, .. }) => panic!("failed: {message}"),
        _ => panic!("no preview"),
    }
}

fn seeded_store() -> (Store, Uuid) {
    let mut store = Store::in_memory().unwrap();
    let mut p = Project::new("上汽大通新MPV产业化项目");
    p.company = "上汽大通汽车有限公司".into();
    p.credit_code = "91310000132149237G".into();
    p.investment = Some(Money::cny(10 * YI));
    p.notes = "原有备注".into();
    let id = p.id;
    store.write(&[Write::PutProject(p)]).unwrap();
    (store, id)
}

fn duplicate_csv(dir: &Path) -> PathBuf {
    let csv = "项目名称,投资主体,统一社会信用代码,总投资(亿元),阶段\n\
               上汽大通MPV二期,上汽大通汽车有限公司,91310000132149237G,12,已开工\n\
               新项目,新公司,,3,洽谈\n";
    write(dir, "dup.csv", csv.as_bytes())
}

#[test]
fn duplicates_are_skipped_updated_or_imported_as_new_and_an_import_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = duplicate_csv(dir.path());
    for policy in DuplicatePolicy::ALL {
        let (store, existing_id) = seeded_store();
        let mut state = state_with(store);
        open_preview(&mut state, &path);
        let session = ready(&state);
        assert_eq!(session.preview.duplicate_count(), 1);
        assert_eq!(
            session.preview.rows[0].duplicate.as_ref().map(|d| d.id),
            Some(existing_id),
            "same credit code"
        );
        state.apply(ImportAction::SetDuplicatePolicy(policy));
        state.apply(ImportAction::Confirm);
        assert!(state.import.is_none(), "the window closes after importing");
        let projects = state.store().all_projects().unwrap();
        let existing = state.store().project(existing_id).unwrap().unwrap();
        match policy {
            DuplicatePolicy::Skip => {
                assert_eq!(projects.len(), 2);
                assert_eq!(existing.investment, Some(Money::cny(10 * YI)));
            }
            DuplicatePolicy::Update => {
                assert_eq!(projects.len(), 2);
                assert_eq!(existing.investment, Some(Money::cny(12 * YI)));
                assert_eq!(existing.stage, Stage::Construction);
                assert_eq!(existing.name, "上汽大通MPV二期");
                assert_eq!(
                    existing.notes, "原有备注",
                    "fields not in the file are kept"
                );
            }
            DuplicatePolicy::New => assert_eq!(projects.len(), 3),
        }
        assert!(state.notice.as_ref().unwrap().text.contains("可撤销"));
        state.apply(Action::Undo);
        let after_undo = state.store().all_projects().unwrap();
        assert_eq!(
            after_undo.len(),
            1,
            "one undo takes the whole import back ({policy:?})"
        );
        assert_eq!(after_undo[0].investment, Some(Money::cny(10 * YI)));
        assert_eq!(after_undo[0].name, "上汽大通新MPV产业化项目");
    }
}

#[test]
fn new_teams_and_industries_are_created_on_confirm_and_removed_by_undo() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "office.xlsx", &office_ledger());
    let mut state = state_with(Store::in_memory().unwrap());
    let industries_before = state.ledger.industries.clone();
    open_preview(&mut state, &path);
    state.apply(ImportAction::Confirm);
    assert_eq!(state.store().project_count().unwrap(), 3);
    let names: Vec<String> = state.ledger.teams.iter().map(|t| t.name.clone()).collect();
    assert!(names.contains(&"驻德招商小分队".to_string()), "{names:?}");
    let battery = state
        .store()
        .all_projects()
        .unwrap()
        .into_iter()
        .find(|p| p.name == "动力电池隔膜项目")
        .unwrap();
    assert_eq!(state.ledger.team_name(battery.team_id), "新能源招商组");
    for industry in ["新能源", "智能制造", "生物医药"] {
        assert!(
            state.ledger.industries.iter().any(|i| i == industry),
            "{industry}"
        );
    }
    state.apply(Action::Undo);
    assert_eq!(state.store().project_count().unwrap(), 0);
    assert!(state.ledger.teams.is_empty());
    assert_eq!(state.ledger.industries, industries_before);
}

#[test]
fn a_column_mapped_by_hand_is_remembered_for_the_same_headers() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "项目名称,总投资(万元),对接科室\nA,100,招商一科\n";
    let path = write(dir.path(), "m.csv", csv.as_bytes());
    let mut state = state_with(Store::in_memory().unwrap());
    open_preview(&mut state, &path);
    assert_eq!(
        ready(&state)
            .preview
            .layout
            .as_ref()
            .unwrap()
            .unmapped()
            .count(),
        1
    );
    state.apply(ImportAction::SetColumn(2, Some(Field::Team)));
    wait(&mut state);
    let session = ready(&state);
    assert_eq!(
        session.preview.new_teams.len(),
        1,
        "the mapped column is read"
    );
    state.apply(ImportAction::Confirm);
    let project = &state.store().all_projects().unwrap()[0];
    assert_eq!(state.ledger.team_name(project.team_id), "招商一科");

    // Another file with the same headers: the mapping is already there.
    let path = write(
        dir.path(),
        "m2.csv",
        "项目名称,总投资(万元),对接科室\nB,5,招商二科\n".as_bytes(),
    );
    open_preview(&mut state, &path);
    let layout = ready(&state).preview.layout.clone().unwrap();
    assert_eq!(layout.columns[2].field, Some(Field::Team));
}

#[test]
fn cancelling_a_check_writes_nothing_and_closes_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "office.xlsx", &office_ledger());
    let mut state = state_with(Store::in_memory().unwrap());
    state.apply(ImportAction::Start(path, None));
    state.apply(ImportAction::Cancel);
    assert!(state.import.is_none());
    std::thread::sleep(std::time::Duration::from_millis(100));
    state.prepare_frame();
    assert_eq!(state.store().project_count().unwrap(), 0);
}

// ---------------------------------------------------------------------------------------------
// Export and the round trip.

/// Projects using every field, some with text a spreadsheet would run as a formula.
fn full_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    let mut team = Team::new("新能源招商组");
    team.base_city = String::new();
    let officer = Officer::new(team.id, "王强");
    let mut a = Project::new("=HYPERLINK(\"http://x\",\"点我\")");
    a.company = "恩捷新材料有限公司".into();
    a.credit_code = "91310000132149237G".into();
    a.industry = "新能源".into();
    a.chain_link = "隔膜".into();
    a.investment = Some(Money::cny(12_3456_7800));
    a.origin = "上海".into();
    a.capital_type = Some(CapitalType::Domestic);
    a.ownership = Some(Ownership::Private);
    a.is_headquarters = true;
    a.stage = Stage::Construction;
    a.set_stage_date(Stage::Lead, Some(day(2024, 11, 2)));
    a.set_stage_date(Stage::Negotiating, Some(day(2024, 12, 2)));
    a.set_stage_date(Stage::Signed, Some(day(2025, 1, 8)));
    a.set_stage_date(Stage::Construction, Some(day(2025, 3, 15)));
    a.team_id = Some(team.id);
    a.officer_id = Some(officer.id);
    a.land_centi_mu = Some(12_345);
    a.annual_output_cny = Some(25 * YI);
    a.annual_tax_cny = Some(1_2345_6789);
    a.jobs = Some(800);
    a.next_step = "-催办环评".into();
    a.next_step_due = Some(day(2025, 8, 1));
    a.notes = "@张处 跟进\n第二行".into();
    a.tags = vec!["链主".into(), "专精特新".into()];
    let mut b = Project::new("汽车电子研发中心");
    b.company = "+博世".into();
    b.investment = Some(Money {
        units: 3000 * WAN,
        currency: Currency::Eur,
    });
    b.origin = "德国".into();
    b.capital_type = Some(CapitalType::Foreign);
    b.ownership = Some(Ownership::ForeignOwned);
    b.stage = Stage::OnHold;
    b.set_stage_date(Stage::OnHold, Some(day(2025, 5, 5)));
    let mut c = Project::new("仅有名称的线索");
    c.stage = Stage::Lead;
    store
        .write(&[
            Write::PutTeam(team),
            Write::PutOfficer(officer),
            Write::PutProject(a),
            Write::PutProject(b),
            Write::PutProject(c),
        ])
        .unwrap();
    store
}

/// A project as the user sees it: ids replaced by the names they stand for.
fn visible(state: &AppState, p: &Project) -> (Project, String, String) {
    let mut q = p.clone();
    q.id = Uuid::nil();
    q.team_id = None;
    q.officer_id = None;
    (
        q,
        state.ledger.team_name(p.team_id).to_string(),
        state.ledger.officer_name(p.officer_id).to_string(),
    )
}

fn sorted_visible(state: &AppState) -> Vec<(Project, String, String)> {
    let mut all: Vec<_> = state
        .store()
        .all_projects()
        .unwrap()
        .iter()
        .map(|p| visible(state, p))
        .collect();
    all.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    all
}

#[test]
fn export_then_import_into_an_empty_ledger_gives_back_the_same_projects_field_for_field() {
    let dir = tempfile::tempdir().unwrap();
    let source = state_with(full_store());
    let expected = sorted_visible(&source);
    for name in ["ledger.xlsx", "ledger.csv"] {
        let path = dir.path().join(name);
        assert_eq!(source.export_to(&path).unwrap(), 3);
        let mut target = state_with(Store::in_memory().unwrap());
        open_preview(&mut target, &path);
        let session = ready(&target);
        assert_eq!(
            session.preview.error_count(),
            0,
            "{name}: {:?}",
            session.preview.issues
        );
        assert!(
            !session.preview.warnings().any(|w| matches!(
                w.kind,
                IssueKind::TotalMismatch { .. } | IssueKind::Ignored(_)
            )),
            "{name}: {:?}",
            session.preview.issues
        );
        target.apply(ImportAction::Confirm);
        assert_eq!(sorted_visible(&target), expected, "{name}");
    }
}

#[test]
fn xlsx_export_has_typed_cells_chinese_headers_and_a_totals_row() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.xlsx");
    let state = state_with(full_store());
    state.export_to(&path).unwrap();
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("项目台账").unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "项目名称");
    assert_eq!(header[5], "总投资(万元)");
    let signed = header.iter().position(|h| h == "签约日期").unwrap();
    let row = range
        .rows()
        .find(|r| r[1] == Data::String("恩捷新材料有限公司".into()))
        .unwrap();
    assert_eq!(row[5], Data::Float(123_456.78), "an amount is a number");
    assert!(
        matches!(row[signed], Data::DateTime(_)),
        "a date is a date: {:?}",
        row[signed]
    );
    let last = range.rows().next_back().unwrap();
    assert_eq!(last[0].to_string(), "合计（3个项目）");
    // 12.345678亿 + 3000万欧元 at the default 7.7 = 2.31亿 → 14.655678亿 = 146556.78万: the
    // 总投资(万元) column holds CNY for every project, so its total is the CNY sum.
    assert_eq!(last[5], Data::Float(146_556.78));
}

#[test]
fn csv_export_is_utf8_with_bom_and_neutralises_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let state = state_with(full_store());
    state.export_to(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a BOM so Excel reads UTF-8"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""),
        "{text}"
    );
    assert!(text.contains(",'+博世,"));
    assert!(text.contains("'-催办环评"));
    assert!(text.contains("'@张处 跟进"));
    assert!(!text.contains(",=") && !text.contains(",+博") && !text.contains(",@"));
}

#[test]
fn export_follows_the_ledger_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("onhold.csv");
    let mut state = state_with(full_store());
    let filter = zhaoshang::store::ProjectFilter {
        stages: vec![Stage::OnHold],
        ..Default::default()
    };
    state.apply(LedgerAction::SetFilter(Box::new(filter), None));
    assert_eq!(state.export_to(&path).unwrap(), 1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("汽车电子研发中心") && !text.contains("仅有名称的线索"));
    let bad = dir.path().join("x.pdf");
    assert!(state.export_to(&bad).unwrap_err().contains(".xlsx"));
}

// ---------------------------------------------------------------------------------------------
// Command line.

fn bad_ledger(dir: &Path) -> PathBuf {
    let csv = "项目名称,总投资(亿元),签约日期\n好项目,5,2025-01-02\n坏项目,五个亿,2025-01-03\n另一个好项目,6,\n";
    write(dir, "bad.csv", csv.as_bytes())
}

#[test]
fn cli_import_with_a_bad_row_exits_non_zero_and_writes_nothing_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let ledger = bad_ledger(dir.path());
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&ledger)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("第3行"), "{stderr}");
    assert!(stderr.contains("五个亿"), "{stderr}");
    assert!(stderr.contains("未写入"), "{stderr}");
    assert_eq!(Store::open(&db).unwrap().project_count().unwrap(), 0);

    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&ledger)
        .arg("--skip-bad-rows")
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "still reports that a row had an error"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("已新增 2 个项目"), "{stderr}");
    assert_eq!(Store::open(&db).unwrap().project_count().unwrap(), 2);
}

#[test]
fn cli_dry_run_writes_nothing_and_a_clean_import_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let ledger = write(dir.path(), "office.xlsx", &office_ledger());
    // Make the ledger exist first, so "nothing written" is about its bytes.
    Store::open(&db).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["import", "--dry-run", "--on-duplicate", "update"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the office ledger has a bad row");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a dry run never writes"
    );

    // A dry run against a ledger that does not exist leaves no file behind.
    let nowhere = dir.path().join("new.db");
    let out = zhaoshang()
        .arg("--db")
        .arg(&nowhere)
        .args(["import", "--dry-run"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("试运行"));
    assert!(!nowhere.exists());

    let clean = write(
        dir.path(),
        "clean.csv",
        "项目名称,总投资(亿元),阶段\n甲,1,已签约\n乙,2,洽谈\n".as_bytes(),
    );
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&clean)
        .output()
        .unwrap();
    let stdout = common::stdout_of_success(&out);
    assert!(stdout.contains("已新增 2 个项目"), "{stdout}");
    // Again: both are duplicates now and are skipped.
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&clean)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("跳过 2 个"));
    assert_eq!(Store::open(&db).unwrap().project_count().unwrap(), 2);
}

#[test]
fn cli_export_writes_the_filtered_ledger_and_refuses_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let demo = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["demo", "--projects", "120"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    let out_path = dir.path().join("signed.xlsx");
    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["export", "--stage", "已签约", "--out"])
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&db).unwrap();
    let signed = store
        .all_projects()
        .unwrap()
        .iter()
        .filter(|p| p.stage == Stage::Signed)
        .count();
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("已导出 {signed} 个项目")));
    let preview = {
        let book = zhaoshang::io::read_file(&out_path, None).unwrap();
        zhaoshang::io::import::preview(&book, None, &Existing::default(), &Progress::default())
            .unwrap()
    };
    assert_eq!(preview.rows.len(), signed);
    assert!(
        preview
            .rows
            .iter()
            .all(|r| r.project().stage == Stage::Signed)
    );

    let out = zhaoshang()
        .arg("--db")
        .arg(&db)
        .args(["export", "--out"])
        .arg(dir.path().join("x.doc"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".xlsx"));
}

// ---------------------------------------------------------------------------------------------
// Property tests: no input panics; a dry run never writes.

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Cells offices really write, and cells that try to break a parser.
    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("项目名称".to_string()),
            Just("总投资（亿元）".to_string()),
            Just("签约日期".to_string()),
            Just("阶段".to_string()),
            Just("合计".to_string()),
            Just("约1.2亿美元".to_string()),
            Just("3,100".to_string()),
            Just("2023年13月40日".to_string()),
            Just("99999999999999999999".to_string()),
            Just("'=1+1".to_string()),
            Just("\"".to_string()),
            "[0-9.,万亿-]{0,12}",
            "\\PC{0,8}",
        ]
    }

    fn table() -> impl Strategy<Value = Vec<Vec<String>>> {
        prop::collection::vec(prop::collection::vec(token(), 0..8), 0..12)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn any_bytes_are_read_or_refused_without_panicking(
            bytes in prop::collection::vec(any::<u8>(), 0..600),
            ext in prop_oneof![Just("csv"), Just("xlsx"), Just("xls"), Just("txt")],
        ) {
            let _ = preview_of(&bytes, ext, &Existing::default());
        }

        #[test]
        fn any_csv_table_is_checked_without_panicking(rows in table(), sep in prop_oneof![Just(","), Just("\t"), Just(";")]) {
            let text: String = rows.iter().map(|r| r.join(sep)).collect::<Vec<_>>().join("\n");
            let _ = preview_of(text.as_bytes(), "csv", &Existing::default());
            let (gbk, _, _) = encoding_rs::GBK.encode(&text);
            let _ = preview_of(&gbk, "csv", &Existing::default());
        }

        #[test]
        fn any_workbook_is_checked_without_panicking(rows in table(), numbers in prop::collection::vec(any::<f64>(), 0..6)) {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
            for (c, n) in numbers.iter().enumerate() {
                if n.is_finite() {
                    sheet.write_number(rows.len() as u32, c as u16, *n).unwrap();
                }
            }
            let bytes = book.save_to_buffer().unwrap();
            let _ = preview_of(&bytes, "xlsx", &Existing::default());
        }

        #[test]
        fn a_damaged_workbook_is_refused_without_panicking(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
            let mut bytes = office_ledger();
            for (at, value) in flips {
                let i = at.index(bytes.len());
                bytes[i] = value;
            }
            let _ = preview_of(&bytes, "xlsx", &Existing::default());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

        #[test]
        fn a_dry_run_never_writes(rows in table()) {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("z.db");
            Store::open(&db).unwrap();
            let before = std::fs::read(&db).unwrap();
            let mut text = "项目名称,总投资(万元),阶段\n甲,1,已签约\n".to_string();
            for row in &rows {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let ledger = write(dir.path(), "any.csv", text.as_bytes());
            let out = zhaoshang()
                .arg("--db")
                .arg(&db)
                .args(["import", "--dry-run", "--skip-bad-rows"])
                .arg(&ledger)
                .output()
                .unwrap();
            prop_assert!(out.status.code().is_some(), "no crash");
            prop_assert_eq!(std::fs::read(&db).unwrap(), before);
        }
    }
}

#[test]
fn exporting_from_the_window_tells_the_user_and_adds_xlsx_to_a_bare_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = state_with(full_store());
    state.apply(LedgerAction::Export(dir.path().join("项目台账")));
    let written = dir.path().join("项目台账.xlsx");
    assert!(written.exists());
    let notice = state.notice.clone().unwrap();
    assert!(notice.text.contains("已导出 3 个项目"), "{}", notice.text);
    // A folder that does not exist: told what to do, nothing claimed.
    state.apply(LedgerAction::Export(
        dir.path().join("no/such/folder/x.csv"),
    ));
    let notice = state.notice.clone().unwrap();
    assert!(notice.text.contains("无法写入"), "{}", notice.text);
}

#[test]
fn a_large_import_is_written_on_a_worker_thread_and_still_undoes_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "项目名称,投资主体,总投资(万元),阶段,招商队伍\n".to_string();
    for i in 0..2_500 {
        text.push_str(&format!(
            "项目{i},企业{i},{},已签约,第{}组\n",
            100 + i,
            i % 3
        ));
    }
    let path = write(dir.path(), "large.csv", text.as_bytes());
    let store = Store::open(&dir.path().join("z.db")).unwrap();
    let mut state = state_with(store);
    open_preview(&mut state, &path);
    state.apply(ImportAction::Confirm);
    assert!(state.committing(), "2,500 rows go to the worker");
    // Nothing else touches the ledger meanwhile.
    state.apply(Action::Undo);
    common::wait_for(&mut state, "the import's write", |s| {
        s.prepare_frame();
        !s.committing()
    });
    assert!(!state.committing());
    assert!(
        state
            .notice
            .as_ref()
            .unwrap()
            .text
            .contains("新增 2500 个项目")
    );
    assert_eq!(state.store().project_count().unwrap(), 2_500);
    assert_eq!(state.projects.len(), 2_500, "the ledger shows them");
    assert_eq!(state.ledger.teams.len(), 3);
    // Undo and redo of so large a step are written on a worker too; the window waits for them.
    state.apply(Action::Undo);
    assert!(state.jobs.store.is_some());
    assert!(
        !state.can_undo() && !state.can_redo(),
        "nothing else meanwhile"
    );
    wait_for_history(&mut state);
    assert_eq!(state.store().project_count().unwrap(), 0);
    assert!(state.ledger.teams.is_empty());
    assert_eq!(state.projects.len(), 0);
    state.apply(Action::Redo);
    wait_for_history(&mut state);
    assert_eq!(state.store().project_count().unwrap(), 2_500);
    assert_eq!(state.projects.len(), 2_500);
    assert!(state.can_undo());
}

fn wait_for_history(state: &mut AppState) {
    common::wait_for(state, "the undo or redo", |s| {
        s.prepare_frame();
        s.jobs.store.is_none()
    });
}
