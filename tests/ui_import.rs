//! The import window, headless with egui_kittest: a bad ledger's errors are shown with row,
//! column and reason; confirming imports the good rows and the ledger shows them.

mod common;

use common::{H, harness_sized, wait_idle, wait_until};

use std::path::{Path, PathBuf};
use zhaoshang::app::ImportAction;

use chrono::NaiveDate;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::AppState;
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn empty_state() -> AppState {
    let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    AppState::new(Store::in_memory().unwrap(), today, Lang::Zh)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Starts an import as the file dialog would, and draws until the preview is there.
fn import(h: &mut H, path: PathBuf, wait_for: &str) {
    h.state_mut().state.apply(ImportAction::Start(path, None));
    wait_until(h, &format!("the preview to show {wait_for}"), |h| {
        h.query_by_label_contains(wait_for).is_some()
    });
}

#[test]
fn the_preview_shows_a_bad_ledgers_errors_and_confirming_imports_the_good_rows() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = write(
        dir.path(),
        "台账.csv",
        "2025年签约项目台账\n项目名称,签约企业,总投资(亿元),项目进展,签约日期,责任单位\n\
         动力电池项目,恩捷新材料有限公司,12.5,已签约,2025-01-08,新能源招商组\n\
         数据中心,某云计算公司,五个亿,已签约,2025-02-03,数字经济招商局\n\
         研发中心,博世,约3亿,洽谈,,新能源招商组\n",
    );
    let mut h = harness_sized(empty_state(), egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
    // The ledger's toolbar offers both.
    h.get_by_label("导入…");
    h.get_by_label("导出…");

    import(&mut h, ledger, "共 3 行");
    h.get_by_label("导入台账");
    h.get_by_label("共 3 行：可导入 2 行，有错误 1 行（不导入），空行 0 行");
    h.get_by_label("错误（这些行不导入）：1");
    // Row, column and reason of the bad cell.
    assert!(h.query_all_by_label("4").count() >= 1);
    // The error and the 约 warning are both in column C.
    assert_eq!(h.query_all_by_label("C 总投资(亿元)").count(), 2);
    h.get_by_label_contains("无法识别的金额：五个亿");
    h.get_by_label_contains("带有约/超等限定词");
    h.get_by_label("将新建的招商队伍：新能源招商组");

    h.get_by_label("确认导入（2）").click();
    wait_idle(&mut h);
    assert!(
        h.state().state.import.is_none(),
        "{:?}",
        h.state().state.notice
    );
    h.run();
    assert!(h.query_by_label("导入台账").is_none(), "the window closes");
    h.get_by_label_contains("已导入：新增 2 个项目");
    h.get_by_label("共 2 个项目，总投资 15.50 亿元");
    h.get_by_label("动力电池项目");
    assert!(
        h.query_by_label("数据中心").is_none(),
        "the bad row was not imported"
    );

    // One undo takes the import back.
    h.get_by_label("撤销").click();
    h.run();
    h.get_by_label("共 0 个项目，总投资 0.00 亿元");
}

#[test]
fn a_file_that_is_not_a_ledger_is_explained_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.xlsx");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let mut h = harness_sized(empty_state(), egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
    import(&mut h, path, "不是表格文件");
    h.get_by_label("选择其他文件…");
    h.get_by_label("取消").click();
    h.run();
    assert!(h.query_by_label("导入台账").is_none());
    h.get_by_label("共 0 个项目，总投资 0.00 亿元");
}

#[test]
fn an_unrecognised_column_is_mapped_in_the_window_and_imported() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = write(
        dir.path(),
        "m.csv",
        "项目名称,总投资(万元),对接科室\n新材料项目,500,招商一科\n",
    );
    let mut h = harness_sized(empty_state(), egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
    import(&mut h, ledger, "共 1 行");
    h.get_by_label_contains("未识别的列“对接科室”");
    // The mapping step is open because a column was not recognised.
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "对接科室")
        .click();
    h.run();
    let options: Vec<_> = h.query_all_by_label("招商队伍").collect();
    // The field list scrolls; its 招商队伍 entry is the last node of that name.
    options.last().expect("the field list").click_accesskit();
    // The mapping change checks the file again on a worker.
    wait_until(&mut h, "the check with the mapped column", |h| {
        h.query_by_label_contains("将新建的招商队伍：招商一科")
            .is_some()
    });
    h.get_by_label("将新建的招商队伍：招商一科");
    h.get_by_label("确认导入（1）").click();
    wait_idle(&mut h);
    let state = &h.state().state;
    let project = &state.store().all_projects().unwrap()[0];
    assert_eq!(state.ledger.team_name(project.team_id), "招商一科");
}

/// A file dropped onto the window, as the desktop hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn started(size: egui::Vec2) -> H {
    let mut h = harness_sized(empty_state(), size);
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
    h
}

#[test]
fn without_the_system_dialog_the_window_picks_the_file_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "台账.csv",
        "项目名称,总投资(万元)\n新材料项目,500\n",
    );
    write(dir.path(), "照片.png", "not a ledger");
    let mut h = started(egui::vec2(1024.0, 700.0));
    // As on a desktop without xdg-desktop-portal: the system's dialog answers at once.
    h.state_mut().without_system_dialog();
    h.get_by_label("导入…").click();
    h.run();
    h.get_by_label_contains("系统的文件对话框打不开");
    fill_text(&mut h, "文件夹", &dir.path().display().to_string());
    // Only the kinds of file an import reads are listed.
    assert!(h.query_by_label("照片.png").is_none());
    h.get_by_label("台账.csv").click();
    h.run();
    h.get_by_label("打开").click();
    wait_until(&mut h, "the preview", |h| {
        h.query_by_label_contains("共 1 行").is_some()
    });
    h.get_by_label("导入台账");
    assert!(h.query_by_label("选择文件").is_none(), "the picker closed");
}

#[test]
fn a_ledger_dropped_onto_the_window_opens_the_import_preview() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = write(
        dir.path(),
        "台账.csv",
        "项目名称,总投资(万元)\n新材料项目,500\n智能装备项目,800\n",
    );
    let mut h = started(egui::vec2(1280.0, 800.0));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(ledger)));
    wait_until(&mut h, "the preview of the dropped file", |h| {
        h.query_by_label_contains("共 2 行").is_some()
    });
    h.get_by_label("确认导入（2）").click();
    wait_idle(&mut h);
    assert_eq!(h.state().state.projects.totals().count, 2);
}

#[test]
fn the_ledger_form_box_exports_the_offices_form_that_imports_back() {
    use calamine::{Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let ledger = write(
        dir.path(),
        "in.csv",
        "项目名称,总投资(万元)\n新材料项目,500\n",
    );
    let mut h = started(egui::vec2(1280.0, 800.0));
    import(&mut h, ledger, "共 1 行");
    h.get_by_label("确认导入（1）").click();
    wait_idle(&mut h);
    h.state_mut().without_system_dialog();
    h.get_by_label("台账格式（标题、单位、序号）").click();
    h.run();
    h.get_by_label("导出…").click();
    h.run();
    h.get_by_label("保存为");
    fill_text(&mut h, "文件夹", &dir.path().display().to_string());
    fill_text(&mut h, "文件名", "台账.xlsx");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "保存")
        .click();
    wait_until(&mut h, "the export", |h| {
        h.query_by_label_contains("已导出 1 个项目").is_some()
    });
    let mut book = open_workbook_auto(dir.path().join("台账.xlsx")).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let title = sheet.get_value((0, 0)).map(|c| c.to_string());
    assert_eq!(title.as_deref(), Some("2025年招商引资项目台账"));
    // The importer reads it back: one row, the project already in the ledger.
    // Row 4 under the title, the 单位 line and the header, found as the project in the ledger.
    import(&mut h, dir.path().join("台账.xlsx"), "第 4 行的处理");
    h.get_by_label("只看重复的 1 行");
}

/// Types into a labelled field, over what it held.
fn fill_text(h: &mut H, label: &str, text: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .type_text(text);
    h.run();
}

#[test]
fn the_preview_counts_ledger_duplicates_and_rows_repeated_in_the_file_apart() {
    let mut store = Store::in_memory().unwrap();
    let mut known = zhaoshang::domain::Project::new("动力电池项目");
    known.company = "恩捷新材料有限公司".into();
    store
        .write(&[zhaoshang::store::Write::PutProject(known)])
        .unwrap();
    let state = AppState::new(
        store,
        NaiveDate::from_ymd_opt(2025, 7, 1).unwrap(),
        Lang::Zh,
    );
    let dir = tempfile::tempdir().unwrap();
    let ledger = write(
        dir.path(),
        "台账.csv",
        "项目名称,投资主体,总投资(万元)\n\
         动力电池项目,恩捷新材料有限公司,5000\n\
         数据中心项目,华云计算有限公司,800\n\
         新材料项目,某新材料公司,600\n\
         数据中心项目,华云计算有限公司,800\n",
    );
    let mut h = harness_sized(state, egui::vec2(1280.0, 800.0));
    h.run();
    import(&mut h, ledger, "共 4 行");
    h.get_by_label_contains("与台账中已有项目重复（相同信用代码，或相同投资主体和名称）：1 行");
    h.get_by_label("与本文件中前面的行是同一项目：1 行");
}
