//! 产业链 and 招商地图 benchmark on generated data: 100,000 projects, 20 chains of 60 links with a
//! third of the projects attached, and 20,000 target companies. Prints the chain screen's and
//! the map's frame (headless egui), the recompute after a change, and the exports. Run with
//! `cargo bench --bench chain` (release mode).

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::median;
use zhaoshang::app::map::MapMeasure;
use zhaoshang::app::{Action, AppState, ChainAction, Screen};
use zhaoshang::domain::chain::{
    Chain, ChainNode, LinkStatus, ProjectLink, Segment, StatusOverride,
};
use zhaoshang::domain::target_company::TargetCompany;
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};
use zhaoshang::ui::ZhaoshangApp;

const PROJECTS: usize = 100_000;
const CHAINS: usize = 20;
const COMPANIES: usize = 20_000;
const FRAMES: usize = 300;
const RUNS: usize = 9;
const CITIES: [&str; 8] = [
    "深圳", "上海", "苏州", "杭州", "合肥", "成都", "西安", "武汉",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

/// A copy of the shared demo ledger with the chains, links and companies (kept under
/// target/ so reruns skip the generation). Each chain: per segment 4 links of 4 sub-links
/// (60 nodes).
fn ledger() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-ledgers");
    let path = dir.join(format!("chain-{PROJECTS}.db"));
    if path.exists() {
        return path;
    }
    let partial = dir.join(format!("chain-{PROJECTS}.db.partial"));
    std::fs::copy(common::ledger(PROJECTS), &partial).expect("copy the demo ledger");
    let started = Instant::now();
    let mut store = Store::open(&partial).expect("open");
    let projects = store.all_projects().expect("projects");
    let mut writes = Vec::new();
    let mut leaves = Vec::new();
    for c in 0..CHAINS {
        let chain = Chain::new(format!("产业链{:02}", c + 1));
        for (s, segment) in [Segment::Upstream, Segment::Midstream, Segment::Downstream]
            .into_iter()
            .enumerate()
        {
            for l in 0..4 {
                let mut link = ChainNode::new(chain.id, segment, format!("环节{s}{l}"));
                link.position = l as i64;
                link.key_link = l == 0;
                for k in 0..4 {
                    let mut sub = ChainNode::new(chain.id, segment, format!("子环节{s}{l}{k}"));
                    sub.parent = Some(link.id);
                    sub.position = k as i64;
                    leaves.push(sub.id);
                    writes.push(Write::PutChainNode(sub));
                }
                writes.push(Write::PutChainNode(link));
            }
        }
        writes.insert(0, Write::PutChain(chain));
    }
    // Nodes after their chains, links before their sub-links.
    writes.sort_by_key(|w| match w {
        Write::PutChain(_) => 0,
        Write::PutChainNode(n) if n.parent.is_none() => 1,
        _ => 2,
    });
    for (i, p) in projects.iter().enumerate().step_by(3) {
        writes.push(Write::PutProjectLink(ProjectLink::new(
            p.id,
            leaves[i % leaves.len()],
        )));
    }
    for i in 0..COMPANIES {
        let mut company = TargetCompany::new(format!("目标企业{i:05}有限公司"));
        company.city = CITIES[i % CITIES.len()].into();
        company.links = vec![leaves[(i * 7) % leaves.len()]];
        company.chain_leader = i % 50 == 0;
        writes.push(Write::PutTargetCompany(company));
    }
    store.write(&writes).expect("write the chains");
    drop(store);
    std::fs::rename(&partial, &path).expect("keep the ledger");
    println!(
        "generated {CHAINS} chains, {} project links and {COMPANIES} target companies in {:.1} s",
        projects.len().div_ceil(3),
        started.elapsed().as_secs_f64()
    );
    path
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let path = ledger();
    let store = Store::open(&path).expect("open");
    let mut state = AppState::new(store, today(), Lang::Zh);
    // As the window runs: what reads every project is made on a worker.
    state.background_reads = true;
    let mut app = ZhaoshangApp::new(state, false);
    let chain_frame = common::screen_frame(&mut app, Screen::Chain, FRAMES, 300.0);
    let chain = app.state.chain.selected.expect("a chain shown");
    let links = app.state.chain.tree.nodes.len();
    let map_frame = common::screen_frame(&mut app, Screen::Map, FRAMES, 300.0);

    // A change (a link's status overridden, then lifted): written durably, then the chain
    // screen's figures made again for the next frame.
    app.state.apply(Action::Navigate(Screen::Chain));
    let node = app.state.chain.tree.nodes[0].id;
    assert!(app.state.wait_for_figures(Duration::from_secs(60)));
    let (mut writes, mut remade, mut matched) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..RUNS {
        let status = (run % 2 == 0).then(|| StatusOverride {
            status: LinkStatus::Present,
            reason: "本地已有".into(),
        });
        let started = Instant::now();
        app.state.apply(ChainAction::Override(node, status));
        writes.push(started.elapsed());
        assert!(app.state.notice.is_none(), "{:?}", app.state.notice);
        let started = Instant::now();
        app.state.prepare_frame();
        remade.push(started.elapsed());
        // The projects to attach or assign, read over every project on a worker.
        let started = Instant::now();
        assert!(app.state.wait_for_figures(Duration::from_secs(60)));
        matched.push(started.elapsed());
    }
    let (write, recompute) = (median(writes), median(remade));
    let matching = median(matched);

    let dir = path.parent().expect("folder");
    let store = Store::open(&path).expect("open");
    let chain_row = store.chain(chain).expect("read").expect("chain");
    let map = store.chain_map(chain).expect("chain map");
    let chain_png = common::time_median(RUNS, || {
        zhaoshang::io::charts::export_chain(&chain_row, &map, Lang::Zh, &dir.join("chain.png"))
            .expect("chain png")
    });
    let chain_svg = common::time_median(RUNS, || {
        zhaoshang::io::charts::export_chain(&chain_row, &map, Lang::Zh, &dir.join("chain.svg"))
            .expect("chain svg")
    });
    let chain_xlsx = common::time_median(RUNS, || {
        zhaoshang::io::chain::write_chain(&dir.join("chain.xlsx"), &chain_row, &map.tree.nodes)
            .expect("chain xlsx");
    });
    let figures = app.state.map.data.clone().expect("map figures");
    let map_png = common::time_median(RUNS, || {
        zhaoshang::io::charts::map::export(
            &figures,
            MapMeasure::Amount,
            &dir.join("map.png"),
            (1200, 750),
        )
        .expect("map png")
    });

    println!(
        "产业链 and 招商地图 benchmark (release, headless egui 1280×800, {PROJECTS} projects, {CHAINS} chains, {COMPANIES} target companies)"
    );
    println!(
        "  chain screen ({links} links shown): frame median {:>6.0} µs (target ≤ 1000 µs)",
        chain_frame.as_secs_f64() * 1e6
    );
    println!(
        "  招商地图: frame median {:>6.0} µs (target ≤ 1000 µs)",
        map_frame.as_secs_f64() * 1e6
    );
    println!(
        "  after a change (a link's override): written durably and the chain screen's figures made again on the window's thread in {:.1} ms (target ≤ 50 ms), the next frame's preparation {:.1} ms; the projects to attach or assign read on a worker in {:.0} ms more",
        ms(write),
        ms(recompute),
        ms(matching)
    );
    println!(
        "  exports (target ≤ 50 ms): chain PNG {:.1} ms, chain SVG {:.1} ms, chain .xlsx {:.1} ms, map PNG {:.1} ms",
        ms(chain_png),
        ms(chain_svg),
        ms(chain_xlsx),
        ms(map_png)
    );
}
