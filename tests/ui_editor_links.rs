//! The project editor's 产业链环节 (headless): a link added by chain then link and saved shows
//! on the 产业链 screen's box (its count and 亿元), one 撤销 takes the save and the link back
//! together, and a link removed in the editor is gone from the box.

mod common;

use common::{H, harness};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::domain::chain::{Chain, ChainNode, Segment};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Currency, Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

const ADDED: &str = "动力电池\n已有 · 1 个项目\n2.00 亿元";
const EMPTY: &str = "动力电池\n缺链 · 0 个项目\n0.00 亿元";

fn window() -> H {
    let mut store = Store::in_memory().unwrap();
    let chain = Chain::new("新能源汽车");
    let mine = ChainNode::new(chain.id, Segment::Upstream, "锂矿");
    let battery = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
    let mut p = Project::new("华康电池项目");
    p.stage = Stage::Signed;
    p.investment = Some(Money {
        units: 2 * YI,
        currency: Currency::Cny,
    });
    store
        .write(&[
            Write::PutChain(chain),
            Write::PutChainNode(mine),
            Write::PutChainNode(battery),
            Write::PutProject(p),
        ])
        .unwrap();
    let mut state = AppState::new(store, common::day(2026, 6, 30), Lang::Zh);
    state.show_first_run = false;
    state.screen = Screen::Projects;
    let mut h = harness(state);
    h.run();
    h
}

fn edit_the_only_project(h: &mut H) {
    h.get_by_role_and_label(Role::Button, "项目台账").click();
    h.run();
    h.get_by_role(Role::Row).click();
    h.run();
    h.get_by_role_and_label(Role::Button, "编辑").click();
    h.run();
    h.run();
}

fn chain_box(h: &mut H, text: &str) {
    h.get_by_role_and_label(Role::Button, "产业链").click();
    h.run();
    h.run();
    h.get_by_label(text);
}

#[test]
fn a_link_added_in_the_editor_is_counted_on_the_chain_and_removed_again() {
    let mut h = window();
    chain_box(&mut h, EMPTY);
    edit_the_only_project(&mut h);
    h.get_by_label("尚未关联产业链环节");
    // The section sits below the fields: scrolled into view as a user would.
    h.get_by_role_and_label(Role::ComboBox, "环节")
        .scroll_to_me();
    h.run();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "环节").click();
    h.run();
    h.run();
    h.get_by_label("动力电池").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "添加环节").click();
    h.run();
    h.get_by_label("新能源汽车 › 动力电池");
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.run();
    chain_box(&mut h, ADDED);

    // The save and its link are one step.
    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    h.run();
    chain_box(&mut h, EMPTY);
    h.get_by_role_and_label(Role::Button, "重做").click();
    h.run();
    h.run();
    chain_box(&mut h, ADDED);

    edit_the_only_project(&mut h);
    h.get_by_label("新能源汽车 › 动力电池");
    h.get_by_role_and_label(Role::Button, "移除").scroll_to_me();
    h.run();
    h.run();
    h.get_by_role_and_label(Role::Button, "移除").click();
    h.run();
    assert!(h.query_by_label("新能源汽车 › 动力电池").is_none());
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    h.run();
    chain_box(&mut h, EMPTY);
}
