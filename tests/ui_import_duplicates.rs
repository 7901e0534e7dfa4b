//! The import preview's duplicates, headless with egui_kittest: each duplicate row has its own
//! choice (skip, update the existing project, import as new) beside the choice for all of them,
//! and confirming does for each row what was chosen for it.

mod common;

use common::{H, harness, wait_idle, wait_until};

use std::path::PathBuf;
use zhaoshang::app::ImportAction;

use chrono::NaiveDate;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use zhaoshang::app::AppState;
use zhaoshang::domain::Project;
use zhaoshang::domain::money::{Money, YI};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

fn project(name: &str, company: &str, yi: i64) -> Project {
    let mut p = Project::new(name);
    p.company = company.into();
    p.investment = Some(Money::cny(yi * YI));
    p
}

/// A ledger holding 动力电池项目 (12亿) and 数据中心项目 (5亿).
fn ledger_with_two() -> AppState {
    let mut store = Store::in_memory().unwrap();
    store
        .write(&[
            Write::PutProject(project("动力电池项目", "恩捷新材料有限公司", 12)),
            Write::PutProject(project("数据中心项目", "华云计算有限公司", 5)),
        ])
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    AppState::new(store, today, Lang::Zh)
}

fn open_preview(h: &mut H, path: PathBuf) {
    h.state_mut().state.apply(ImportAction::Start(path, None));
    wait_until(h, "the preview", |h| {
        h.query_all_by_label_contains("行：可导入").next().is_some()
    });
}

/// Picks `option` in the open choice list (not the radio button of the same name).
fn pick(h: &mut H, combo: &str, option: &str) {
    h.get_by_label(combo).click();
    h.run();
    h.get(
        by().label(option)
            .predicate(|n| n.role() != Role::RadioButton),
    )
    .click();
    h.run();
}

#[test]
fn each_duplicate_row_can_be_skipped_updated_or_imported_as_new() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台账.csv");
    std::fs::write(
        &file,
        "项目名称,投资主体,总投资(亿元)\n\
         动力电池项目,恩捷新材料有限公司,15\n\
         数据中心项目,华云计算有限公司,6\n\
         光伏组件项目,晶科能源有限公司,8\n",
    )
    .unwrap();
    let mut h = harness(ledger_with_two());
    h.run();
    open_preview(&mut h, file);
    h.get_by_label_contains("已有项目重复");
    // Skip is the choice for all: only the new row would import.
    h.get_by_label("确认导入（1）");
    h.get_by_label("只看重复的 2 行").click();
    h.run();
    assert!(
        h.query_by_label("光伏组件项目").is_none(),
        "only duplicates are listed"
    );

    // Row 2 (动力电池项目) updates the project in the ledger; row 3 comes in as a new project.
    pick(&mut h, "第 2 行的处理", "更新已有项目");
    pick(&mut h, "第 3 行的处理", "作为新项目导入");
    h.get_by_label("确认导入（3）").click();
    wait_idle(&mut h);
    h.get_by_label_contains("更新 1 个");
    let state = &h.state().state;
    assert_eq!(
        state.store().project_count().unwrap(),
        4,
        "two new, one updated"
    );
    // 12亿 became 15亿; both 数据中心项目 are there (5亿 and 6亿); 8亿 is new: 34亿 in all.
    h.get_by_label("共 4 个项目，总投资 34.00 亿元");
}

#[test]
fn choosing_for_all_duplicates_again_overrides_the_rows_chosen_one_by_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台账.csv");
    std::fs::write(
        &file,
        "项目名称,投资主体,总投资(亿元)\n\
         动力电池项目,恩捷新材料有限公司,15\n\
         数据中心项目,华云计算有限公司,6\n",
    )
    .unwrap();
    let mut h = harness(ledger_with_two());
    h.run();
    open_preview(&mut h, file);
    pick(&mut h, "第 2 行的处理", "作为新项目导入");
    h.get_by_label("确认导入（1）");
    // 跳过 for all: the row chosen on its own follows again.
    h.get_by_label("更新已有项目").click();
    h.run();
    h.get_by_label("跳过").click();
    h.run();
    h.get_by_label("没有可导入的行");
}
