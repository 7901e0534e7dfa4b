//! 项目看板 driven as a user drives it (egui_kittest, headless): drag a card to another column,
//! or select it and use the arrow keys; the prompt stamps the date; the headers' counts and sums
//! follow; a backwards move asks first; 终止 needs a reason; undo restores all of it.

mod common;

use common::{H, day, fill, harness_sized, staged};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::EditAction;
use zhaoshang::app::{Action, AppState};
use zhaoshang::domain::{Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

/// Two projects on the board: 在谈 10亿 and 签约 5亿; today is 2023-08-31.
fn board() -> (H, Project, Project) {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2023, 8, 31), Lang::Zh);
    let negotiating = staged(
        "宁德时代储能项目",
        10,
        Stage::Negotiating,
        &[
            (Stage::Lead, day(2023, 1, 5)),
            (Stage::Negotiating, day(2023, 3, 1)),
        ],
    );
    let signed = staged(
        "上汽大通新MPV产业化项目",
        5,
        Stage::Signed,
        &[
            (Stage::Negotiating, day(2023, 2, 1)),
            (Stage::Signed, day(2023, 4, 13)),
        ],
    );
    state.apply(EditAction::SaveProject(Box::new(negotiating.clone())));
    state.apply(EditAction::SaveProject(Box::new(signed.clone())));
    state.apply(Action::DismissFirstRun);
    let mut h = harness_sized(state, egui::vec2(1280.0, 800.0));
    h.run();
    h.get_by_role_and_label(Role::Button, "项目看板").click();
    h.run();
    (h, negotiating, signed)
}

fn stored(h: &H, p: &Project) -> Project {
    h.state().state.store().project(p.id).unwrap().unwrap()
}

/// Presses on a card, moves past the drag threshold, and releases over `target`.
fn drag(h: &mut H, card: &str, target: egui::Pos2) {
    let from = h.get_by_label(card).rect().center();
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + egui::vec2(12.0, 12.0));
    h.run();
    h.hover_at(target);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: target,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

#[test]
fn a_dragged_card_lands_in_the_new_column_with_the_stamped_date_and_undo_restores_it() {
    let (mut h, negotiating, signed) = board();
    h.get_by_label("在谈 · 1 个 · 10.00 亿元");
    let signed_header = h.get_by_label("签约 · 1 个 · 5.00 亿元").rect();
    // Into the 签约 column, below its header and card.
    let target = signed_header.center() + egui::vec2(0.0, 300.0);
    drag(&mut h, "宁德时代储能项目", target);

    h.get_by_label("移动项目阶段");
    h.get_by_label("宁德时代储能项目：在谈 → 签约");
    // The signing was last Friday, not today.
    fill(&mut h, "签约日期", "2023-08-25");
    assert_eq!(
        stored(&h, &negotiating).stage,
        Stage::Negotiating,
        "not yet"
    );
    h.get_by_label("确认移动").click();
    h.run();
    assert!(h.query_by_label("移动项目阶段").is_none());

    let moved = stored(&h, &negotiating);
    assert_eq!(moved.stage, Stage::Signed);
    assert_eq!(moved.signed_date(), Some(day(2023, 8, 25)));
    h.get_by_label("在谈 · 0 个 · 0.00 亿元");
    h.get_by_label("签约 · 2 个 · 15.00 亿元");
    assert_eq!(h.state().state.stage_moves(negotiating.id).len(), 1);
    assert_eq!(stored(&h, &signed), signed, "the other card is untouched");

    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(stored(&h, &negotiating), negotiating);
    assert!(h.state().state.stage_moves(negotiating.id).is_empty());
    h.get_by_label("在谈 · 1 个 · 10.00 亿元");
    h.get_by_label("签约 · 1 个 · 5.00 亿元");
}

#[test]
fn arrow_keys_move_the_selected_card_a_backwards_move_asks_first_and_enter_edits() {
    let (mut h, _, signed) = board();
    h.get_by_label("上汽大通新MPV产业化项目").click();
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.get_by_label("上汽大通新MPV产业化项目：签约 → 开工");
    // Today by default; Enter confirms.
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("移动项目阶段").is_none());
    let moved = stored(&h, &signed);
    assert_eq!(moved.stage, Stage::Construction);
    assert_eq!(
        moved.stage_date(Stage::Construction),
        Some(day(2023, 8, 31))
    );
    h.get_by_label("签约 · 0 个 · 0.00 亿元");
    h.get_by_label("开工 · 1 个 · 5.00 亿元");

    // The selection followed the card; ← goes back, which asks first.
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    h.get_by_label("上汽大通新MPV产业化项目：开工 → 签约");
    h.get_by_label_contains("这是后退");
    assert!(h.query_by_label("确认移动").is_none());
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(stored(&h, &signed).stage, Stage::Construction, "cancelled");

    h.key_press(egui::Key::ArrowLeft);
    h.run();
    h.get_by_label("确认后退").click();
    h.run();
    let back = stored(&h, &signed);
    assert_eq!(back.stage, Stage::Signed);
    assert_eq!(back.stage_date(Stage::Construction), None);
    assert_eq!(h.state().state.stage_moves(signed.id).len(), 2);
    h.get_by_label("开工 · 0 个 · 0.00 亿元");

    // Two undos: the step back, then the step forward.
    h.get_by_label("撤销").click();
    h.run();
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(stored(&h, &signed), signed);
    h.get_by_label("签约 · 1 个 · 5.00 亿元");

    // Enter opens the editor, with the stage timeline.
    h.get_by_label("上汽大通新MPV产业化项目").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("编辑项目");
    h.get_by_label("在谈 → 签约：71 天");
    h.get_by_label("已在“签约”140 天");
}

#[test]
fn dropping_on_the_closed_dropped_lane_needs_a_reason() {
    let (mut h, negotiating, _) = board();
    let zone = h
        .get_by_role_and_label(Role::Button, "终止 · 0 个 · 0.00 亿元")
        .rect()
        .center();
    drag(&mut h, "宁德时代储能项目", zone);
    h.get_by_label("宁德时代储能项目：在谈 → 终止");
    h.get_by_label("移到“终止”需要填写原因");
    h.get_by_label("确认移动").click();
    h.run();
    assert_eq!(stored(&h, &negotiating).stage, Stage::Negotiating);
    fill(&mut h, "原因", "企业投资计划取消");
    h.get_by_label("确认移动").click();
    h.run();
    assert_eq!(stored(&h, &negotiating).stage, Stage::Dropped);
    h.get_by_label("在谈 · 0 个 · 0.00 亿元");
    // The lane opened to show where the card went.
    h.get_by_label("终止 · 1 个 · 10.00 亿元");
    h.get_by_label("宁德时代储能项目");
    let history = h.state().state.stage_moves(negotiating.id);
    assert_eq!(history[0].reason, "企业投资计划取消");
}

#[test]
fn the_editor_moves_a_stage_through_the_same_prompt() {
    let (mut h, negotiating, _) = board();
    h.get_by_label("宁德时代储能项目").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("编辑项目");
    h.get_by_label("移动阶段…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "→ 签约").click();
    h.run();
    h.get_by_label("宁德时代储能项目：在谈 → 签约");
    h.get_by_label("确认移动").click();
    h.run();
    assert_eq!(stored(&h, &negotiating).stage, Stage::Signed);
    // The editor shows the new stage and its timeline; saving keeps the move.
    h.get_by_label("在谈 → 签约：183 天");
    h.get_by_label("保存").click();
    h.run();
    let saved = stored(&h, &negotiating);
    assert_eq!(saved.stage, Stage::Signed);
    assert_eq!(saved.signed_date(), Some(day(2023, 8, 31)));
}

#[test]
fn a_card_the_filter_hides_is_not_moved_by_the_arrow_keys() {
    let (mut h, negotiating, _) = board();
    h.get_by_label("宁德时代储能项目").click();
    h.run();
    fill(&mut h, "搜索名称、企业、备注", "上汽");
    h.run();
    assert!(h.query_by_label("宁德时代储能项目").is_none());
    h.get_by_label("在谈 · 0 个 · 0.00 亿元");
    // Leave the search field, then press →: nothing to move.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.query_by_label("移动项目阶段").is_none());
    assert_eq!(stored(&h, &negotiating), negotiating);
}

#[test]
fn escape_closes_the_editor_opened_from_the_board() {
    let (mut h, _, _) = board();
    h.get_by_label("宁德时代储能项目").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("编辑项目");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("编辑项目").is_none());
}

#[test]
fn a_snooze_is_set_from_the_card_menu_with_a_reason() {
    let (mut h, negotiating, _) = board();
    h.get_by_label("宁德时代储能项目").click_secondary();
    h.run();
    h.get_by_label("暂缓提醒…").click();
    h.run();
    h.get_by_label("暂缓提醒");
    // The date defaults to a month ahead; a reason is required.
    h.get_by_label("请填写暂缓的原因");
    fill(&mut h, "原因", "等待土地指标");
    h.get_by_label("保存").click();
    h.run();
    assert!(h.query_by_label("暂缓提醒").is_none());
    assert_eq!(
        h.state().state.snooze_of(negotiating.id),
        Some((day(2023, 9, 30), "等待土地指标".to_string()))
    );
    // One undo step lifts it again.
    h.get_by_label("撤销").click();
    h.run();
    assert_eq!(h.state().state.snooze_of(negotiating.id), None);
}
