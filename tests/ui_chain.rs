//! The 产业链 screen, headless: each link's box says its status (已有 by a signed project or a
//! local company, 在谈, 缺链) in its colour; a box opens the ledger on exactly its projects
//! (the footer's count and sum are the box's); an override with its reason shows and 撤销 takes
//! it back; the sample chains load into an empty ledger.

mod common;

use common::{fill, harness, start_empty};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{AppState, Screen};
use zhaoshang::domain::chain::{Chain, ChainNode, LinkStatus, ProjectLink, Segment};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Currency, Money, Project, Stage};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};
use zhaoshang::ui::chain_status_fill;

fn project(name: &str, stage: Stage, yi_tenths: i64) -> Project {
    let mut p = Project::new(name);
    p.stage = stage;
    p.investment = Some(Money {
        units: yi_tenths * YI / 10,
        currency: Currency::Cny,
    });
    p
}

/// A chain of four links: one signed project (3亿) and one in talks (0.5亿) on 电芯, one in
/// talks on 电池管理系统, nothing on 锂矿, a local company on 整车制造.
fn store() -> Store {
    let mut store = Store::in_memory().expect("store");
    let chain = Chain::new("新能源汽车");
    let mine = ChainNode::new(chain.id, Segment::Upstream, "锂矿");
    let mut battery = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
    battery.key_link = true;
    let cell = ChainNode::under(&battery, "电芯");
    let mut bms = ChainNode::under(&battery, "电池管理系统");
    bms.position = 1;
    let mut vehicle = ChainNode::new(chain.id, Segment::Downstream, "整车制造");
    vehicle.local_companies = vec!["本地汽车有限公司".into()];
    let signed = project("电芯生产基地", Stage::Construction, 30);
    let talks = project("电芯研发中心", Stage::Negotiating, 5);
    let bms_talks = project("电池管理系统项目", Stage::Lead, 2);
    let dropped = project("终止的锂矿项目", Stage::Dropped, 10);
    let mut writes = vec![Write::PutChain(chain)];
    for n in [&mine, &battery, &cell, &bms, &vehicle] {
        writes.push(Write::PutChainNode(n.clone()));
    }
    for (p, n) in [
        (&signed, &cell),
        (&talks, &cell),
        (&bms_talks, &bms),
        (&dropped, &mine),
    ] {
        writes.push(Write::PutProject(p.clone()));
        writes.push(Write::PutProjectLink(ProjectLink::new(p.id, n.id)));
    }
    // A project with nothing to do with the chain, so the ledger is not all the chain's.
    writes.push(Write::PutProject(project("其他项目", Stage::Signed, 70)));
    store.write(&writes).expect("write");
    store
}

fn open_chain_screen() -> common::H {
    let today = common::day(2026, 6, 30);
    let mut h = harness(AppState::new(store(), today, Lang::Zh));
    h.run();
    h.get_by_role_and_label(Role::Button, "产业链").click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Chain);
    h
}

#[test]
fn each_box_says_its_status_in_its_colour() {
    let h = open_chain_screen();
    h.get_by_label("完整度 2/4（50.0%）· 在谈 1 个环节 · 缺链 1 个环节 · 已签约 3.00 亿元");
    // A signed (开工) project: 已有; the link above it counts its sub-links' projects.
    h.get_by_label("电芯\n已有 · 2 个项目\n3.50 亿元");
    h.get_by_label("动力电池 ★\n已有 · 3 个项目\n3.70 亿元");
    // Only a project before 签约: 在谈.
    h.get_by_label("电池管理系统\n在谈 · 1 个项目\n0.20 亿元");
    // A local company recorded: 已有 with no project.
    h.get_by_label("整车制造\n已有 · 0 个项目\n0.00 亿元");
    // Only a dropped project: nothing, 缺链.
    h.get_by_label("锂矿\n缺链 · 1 个项目\n1.00 亿元");
    let fills: Vec<_> = LinkStatus::ALL.into_iter().map(chain_status_fill).collect();
    assert!(fills[0] != fills[1] && fills[1] != fills[2] && fills[0] != fills[2]);
    assert!(fills[0].g() > fills[0].r(), "已有 is green");
    assert!(fills[2].r() > fills[2].g(), "缺链 is red");
}

#[test]
fn a_box_opens_the_ledger_on_exactly_its_projects() {
    let mut h = open_chain_screen();
    h.get_by_label("动力电池 ★\n已有 · 3 个项目\n3.70 亿元")
        .click();
    h.run();
    // The link's panel, with its target companies' heading (the nav has a 目标企业 button too).
    h.get_by_role_and_label(Role::Label, "目标企业");
    h.get_by_role_and_label(Role::Button, "在台账中查看这 3 个项目")
        .click();
    h.run();
    assert_eq!(h.state().state.screen, Screen::Projects);
    h.get_by_label("共 3 个项目，总投资 3.70 亿元");
    h.get_by_label("电池管理系统项目");
    assert!(h.query_by_label("其他项目").is_none());
    // The filter says what narrowed it, and taking it off shows every project again.
    h.get_by_label("产业链环节：动力电池");
    h.get_by_role_and_label(Role::Button, "×").click();
    h.run();
    h.get_by_label("共 5 个项目，总投资 11.70 亿元");
}

#[test]
fn an_override_with_its_reason_shows_and_undo_takes_it_back() {
    let mut h = open_chain_screen();
    h.get_by_label("锂矿\n缺链 · 1 个项目\n1.00 亿元").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "已有").click();
    h.run();
    // No reason: refused.
    h.get_by_role_and_label(Role::Button, "认定").click();
    h.run();
    h.get_by_label("请写明认定理由");
    fill(&mut h, "认定理由", "园区内已有两家锂盐企业");
    h.get_by_role_and_label(Role::Button, "认定").click();
    h.run();
    h.get_by_label("锂矿\n已有 · 1 个项目（人工认定）\n1.00 亿元");
    h.get_by_label("人工认定为“已有”：园区内已有两家锂盐企业");
    h.get_by_label("按项目计算：缺链");
    h.get_by_label("完整度 3/4（75.0%）· 在谈 1 个环节 · 缺链 0 个环节 · 已签约 3.00 亿元");
    h.get_by_label("撤销").click();
    h.run();
    h.get_by_label("锂矿\n缺链 · 1 个项目\n1.00 亿元");
}

#[test]
fn the_sample_chains_load_into_an_empty_ledger_and_a_link_is_added() {
    let today = common::day(2026, 6, 30);
    let mut h = harness(AppState::new(Store::in_memory().unwrap(), today, Lang::Zh));
    start_empty(&mut h);
    h.get_by_role_and_label(Role::Button, "产业链").click();
    h.run();
    h.get_by_label_contains("还没有产业链");
    h.get_by_role_and_label(Role::Button, "载入示例产业链")
        .click();
    h.run();
    assert_eq!(h.state().state.chain.chains.len(), 3);
    let shown = h.state().state.chain.chain().map(|c| c.name.clone());
    assert_eq!(shown.as_deref(), Some("新能源汽车"));
    h.get_by_label_contains("完整度 0/");
    h.get_by_role_and_label(Role::Button, "编辑环节").click();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("a name field")
        .focus();
    h.run();
    h.get_all_by_role(Role::TextInput)
        .next()
        .expect("a name field")
        .type_text("锂电回收");
    h.run();
    h.get_all_by_role_and_label(Role::Button, "新增环节")
        .next()
        .expect("add")
        .click();
    h.run();
    h.get_by_label("锂电回收\n缺链 · 0 个项目\n0.00 亿元");
}
