//! The 产业链 screen's matching of free-text 产业链环节 (egui_kittest, headless): projects whose
//! text names a link and are not attached are counted with 全部挂接, which attaches every one
//! of them as one 撤销 step; projects of the chain's industry whose text names no link are listed
//! to assign. In the window (a ledger file, figures on workers) the same comes from a worker.

mod common;

use common::{harness, wait_idle, wait_until};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::domain::chain::{Chain, ChainNode, Segment};
use zhaoshang::domain::{Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

fn project(name: &str, text: &str, industry: &str) -> Project {
    let mut p = Project::new(name);
    p.stage = Stage::Negotiating;
    p.chain_link = text.into();
    p.industry = industry.into();
    p
}

/// A 新能源 chain with 电芯 and 锂矿; three projects write 电芯 (one of another industry),
/// one 新能源 project writes 氢燃料 (no link), and one of another industry does too.
fn fill(store: &mut Store) {
    let mut chain = Chain::new("新能源汽车");
    chain.industry = "新能源".into();
    let cell = ChainNode::new(chain.id, Segment::Midstream, "电芯");
    let mine = ChainNode::new(chain.id, Segment::Upstream, "锂矿");
    let mut writes = vec![
        Write::PutChain(chain),
        Write::PutChainNode(cell),
        Write::PutChainNode(mine),
    ];
    for p in [
        project("电芯一期", "电芯", "新能源"),
        project("电芯二期", "电芯", "新能源"),
        project("电芯配套", "电芯", "装备制造"),
        project("氢能项目", "氢燃料", "新能源"),
        project("别的氢能项目", "氢燃料", "化工"),
    ] {
        writes.push(Write::PutProject(p));
    }
    store.write(&writes).expect("write");
}

const SUGGESTED: &str = "3 个项目的“产业链环节”与本链的环节对应，尚未挂接。";

fn on_chain_screen(state: AppState) -> common::H {
    let mut h = harness(state);
    h.run();
    h.get_by_role_and_label(Role::Button, "产业链").click();
    // Frames until no worker is making figures (one may be, in the window's way of reading).
    wait_idle(&mut h);
    assert_eq!(h.state().state.screen, Screen::Chain);
    h
}

#[test]
fn attach_all_attaches_every_project_naming_a_link_and_undo_takes_them_off() {
    let mut store = Store::in_memory().expect("store");
    fill(&mut store);
    let mut h = on_chain_screen(AppState::new(store, common::day(2026, 6, 30), Lang::Zh));
    h.get_by_label(SUGGESTED);
    h.get_by_label("1 个本行业项目的“产业链环节”对应不上本链的环节，请指定：");
    h.get_by_label("氢能项目（氢燃料）");
    assert!(h.query_by_label("别的氢能项目（氢燃料）").is_none());
    h.get_by_label("电芯\n缺链 · 0 个项目\n0.00 亿元");

    h.get_by_role_and_label(Role::Button, "全部挂接").click();
    h.run();
    h.get_by_label("电芯\n在谈 · 3 个项目\n0.00 亿元");
    assert!(h.query_by_label(SUGGESTED).is_none());
    // 氢燃料 names no link: still to assign.
    h.get_by_label("氢能项目（氢燃料）");

    h.get_by_role_and_label(Role::Button, "撤销").click();
    h.run();
    h.get_by_label("电芯\n缺链 · 0 个项目\n0.00 亿元");
    h.get_by_label(SUGGESTED);
}

#[test]
fn in_the_window_the_matching_comes_from_a_worker() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("z.db");
    let mut store = Store::open(&path).expect("open");
    fill(&mut store);
    let mut state = AppState::new(store, common::day(2026, 6, 30), Lang::Zh);
    state.background_reads = true;
    let mut h = on_chain_screen(state);
    wait_until(&mut h, "the matching", |h| {
        let chain = &h.state().state.chain;
        chain.selected.is_some() && chain.matching.chain == chain.selected
    });
    h.get_by_label(SUGGESTED);
    h.get_by_role_and_label(Role::Button, "全部挂接").click();
    wait_until(&mut h, "the matching after the attach", |h| {
        h.state().state.chain.matching.suggested.is_empty()
    });
    // The links' figures come from a worker of their own.
    wait_until(&mut h, "the figures after the attach", |h| {
        let chain = &h.state().state.chain;
        chain.figures_shown().is_some() && !chain.links_updating()
    });
    h.get_by_label("电芯\n在谈 · 3 个项目\n0.00 亿元");
    assert!(h.query_by_label(SUGGESTED).is_none());
}
