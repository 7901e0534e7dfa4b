//! Convergence, the property 同步 stands on: random edits on several files, bundles exchanged
//! in random orders (some twice), then everyone with everyone — every file dumps the same.

use chrono::NaiveDate;
use proptest::prelude::*;
use zhaoshang::domain::pipeline::StageMove;
use zhaoshang::domain::{Project, Stage};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync::{self, Choice};

const SITES: usize = 3;
const PROJECTS: usize = 3;

#[derive(Debug, Clone)]
enum Op {
    Name(usize, usize, u8),
    Jobs(usize, usize, u8),
    Delete(usize, usize),
    Restore(usize, usize),
    Move(usize, usize, u8),
    Create(usize, u8),
    /// from, to, whether for the recipient (by its acknowledgement) or everything.
    Send(usize, usize, bool),
    Resolve(usize, bool),
}

fn op() -> impl Strategy<Value = Op> {
    let s = 0..SITES;
    let p = 0..PROJECTS + 2;
    prop_oneof![
        (s.clone(), p.clone(), 0..3u8).prop_map(|(s, p, v)| Op::Name(s, p, v)),
        (s.clone(), p.clone(), 0..3u8).prop_map(|(s, p, v)| Op::Jobs(s, p, v)),
        (s.clone(), p.clone()).prop_map(|(s, p)| Op::Delete(s, p)),
        (s.clone(), p.clone()).prop_map(|(s, p)| Op::Restore(s, p)),
        (s.clone(), p.clone(), 0..5u8).prop_map(|(s, p, v)| Op::Move(s, p, v)),
        (s.clone(), 0..4u8).prop_map(|(s, v)| Op::Create(s, v)),
        (s.clone(), s.clone(), any::<bool>()).prop_map(|(a, b, f)| Op::Send(a, b, f)),
        (s.clone(), s.clone(), any::<bool>()).prop_map(|(a, b, f)| Op::Send(a, b, f)),
        (s, any::<bool>()).prop_map(|(s, m)| Op::Resolve(s, m)),
    ]
}

/// Sends a bundle, merges it, and merges it again: the second merge changes nothing.
fn send(stores: &mut [Store], from: usize, to: usize, for_recipient: bool) {
    if from == to {
        return;
    }
    let recipient = stores[to].sync_site().expect("site");
    let recipient = for_recipient.then_some(recipient.as_str());
    let (bytes, _) = sync::export_bundle(&mut stores[from], recipient, None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(&mut stores[to], &bundle).expect("merge");
    let once = stores[to].sync_dump().expect("dump");
    let again = sync::apply(&mut stores[to], &bundle).expect("merge again");
    assert_eq!(again.entries, 0);
    assert_eq!(
        stores[to].sync_dump().expect("dump"),
        once,
        "merging twice is a no-op"
    );
}

/// The project a site knows as number `i` (the shared ones first, then its own in order).
fn nth_project(store: &Store, i: usize) -> Option<Project> {
    let mut all: Vec<Project> = store.all_projects().ok()?;
    all.sort_by_key(|p| p.id);
    all.into_iter().nth(i)
}

fn apply_op(stores: &mut [Store], op: &Op) {
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).expect("day");
    match *op {
        Op::Name(s, p, v) => {
            if let Some(mut pr) = nth_project(&stores[s], p) {
                pr.name = format!("项目{v}");
                stores[s].write(&[Write::PutProject(pr)]).expect("w");
            }
        }
        Op::Jobs(s, p, v) => {
            if let Some(mut pr) = nth_project(&stores[s], p) {
                pr.jobs = Some(v as i64 * 100);
                stores[s].write(&[Write::PutProject(pr)]).expect("w");
            }
        }
        Op::Delete(s, p) => {
            if let Some(pr) = nth_project(&stores[s], p) {
                stores[s].write(&[Write::DeleteProject(pr.id)]).expect("w");
            }
        }
        Op::Restore(s, p) => {
            // Undo of a delete: the project as it was, put back.
            let mut deleted: Vec<Project> = Vec::new();
            for id in stores[s].sync_dump().expect("d").lines().filter_map(|l| {
                let mut parts = l.split('\t');
                (parts.next() == Some("projects")).then(|| parts.next().map(str::to_owned))?
            }) {
                if let Ok(uuid) = uuid::Uuid::parse_str(&id)
                    && !stores[s].is_live(uuid).expect("live")
                    && let Some(pr) = stores[s].project(uuid).expect("r")
                {
                    deleted.push(pr);
                }
            }
            if let Some(pr) = deleted.into_iter().nth(p) {
                stores[s].write(&[Write::PutProject(pr)]).expect("w");
            }
        }
        Op::Move(s, p, v) => {
            if let Some(mut pr) = nth_project(&stores[s], p) {
                let to = Stage::ALL[v as usize % Stage::ALL.len()];
                let m = StageMove {
                    id: uuid::Uuid::now_v7(),
                    project_id: pr.id,
                    from: pr.stage,
                    to,
                    date: day,
                    who: String::new(),
                    reason: String::new(),
                };
                pr.stage = to;
                pr.set_stage_date(to, Some(day));
                stores[s]
                    .write(&[Write::PutStageMove(m), Write::PutProject(pr)])
                    .expect("w");
            }
        }
        Op::Create(s, v) => {
            let mut pr = Project::new(format!("新项目{v}"));
            pr.credit_code = format!("9131{v}");
            stores[s].write(&[Write::PutProject(pr)]).expect("w");
        }
        Op::Send(a, b, f) => send(stores, a, b, f),
        Op::Resolve(s, mine) => {
            if let Some(c) = sync::conflicts(&stores[s]).expect("c").first() {
                let choice = if mine { Choice::Mine } else { Choice::Theirs };
                sync::resolve(&mut stores[s], c.id, choice).expect("resolve");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_file_converges_whatever_the_order(ops in proptest::collection::vec(op(), 1..30)) {
        let mut stores: Vec<Store> =
            (0..SITES).map(|_| Store::in_memory().expect("store")).collect();
        let shared: Vec<Write> = (0..PROJECTS)
            .map(|i| Write::PutProject(Project::new(format!("共享项目{i}"))))
            .collect();
        stores[0].write(&shared).expect("shared");
        for to in 1..SITES {
            send(&mut stores, 0, to, true);
        }
        for op in &ops {
            apply_op(&mut stores, op);
        }
        for _ in 0..2 {
            for a in 0..SITES {
                for b in 0..SITES {
                    send(&mut stores, a, b, true);
                }
            }
        }
        let dumps: Vec<String> = stores.iter().map(|s| s.sync_dump().expect("dump")).collect();
        for d in &dumps[1..] {
            prop_assert_eq!(d, &dumps[0]);
        }
    }
}
