//! 产业链图谱 and 招商目标企业库 as a lead reads them: a chain's tree stored and read back,
//! projects attached to links, a status override, target companies found by link, undo through
//! the write funnel, and a chain and companies made in an officer's file reaching the lead
//! through a bundle.

use chrono::NaiveDate;
use zhaoshang::domain::chain::starting::starting_chains;
use zhaoshang::domain::chain::{
    Chain, ChainNode, LinkStatus, ProjectLink, Segment, StatusOverride,
};
use zhaoshang::domain::target_company::{ContactStatus, Priority, TargetCompany};
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::store::{Store, Write};
use zhaoshang::sync;

/// A chain of two links and a sub-link, as writes.
fn small_chain() -> (Chain, ChainNode, ChainNode, ChainNode) {
    let chain = Chain::new("新能源汽车");
    let mut battery = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
    battery.key_link = true;
    let mut cell = ChainNode::under(&battery, "电芯");
    cell.position = 1;
    let mut vehicle = ChainNode::new(chain.id, Segment::Downstream, "整车制造");
    vehicle.local_companies = vec!["本地汽车有限公司".into()];
    (chain, battery, cell, vehicle)
}

fn chain_writes(c: &(Chain, ChainNode, ChainNode, ChainNode)) -> Vec<Write> {
    vec![
        Write::PutChain(c.0.clone()),
        Write::PutChainNode(c.1.clone()),
        Write::PutChainNode(c.2.clone()),
        Write::PutChainNode(c.3.clone()),
    ]
}

#[test]
fn a_chains_tree_is_stored_and_read_back_and_deleted() {
    let mut store = Store::in_memory().expect("store");
    let c = small_chain();
    store.write(&chain_writes(&c)).expect("write");
    assert_eq!(store.chains().expect("chains"), vec![c.0.clone()]);
    let tree = store.chain_tree(c.0.id).expect("tree");
    let mid: Vec<&str> = (tree.links_of(Segment::Midstream).iter())
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(mid, ["动力电池"]);
    assert_eq!(tree.children_of(c.1.id), vec![&c.2]);
    assert_eq!(tree.links_of(Segment::Downstream), vec![&c.3]);
    assert!(tree.links_of(Segment::Upstream).is_empty());
    assert_eq!(store.chain_node(c.2.id).expect("node"), Some(c.2.clone()));
    // Deleting a link takes its sub-links off the map with it.
    store
        .write(&[Write::DeleteChainNode(c.1.id)])
        .expect("delete");
    let tree = store.chain_tree(c.0.id).expect("tree");
    assert_eq!(tree.nodes, vec![c.3.clone()]);
    store.write(&[Write::DeleteChain(c.0.id)]).expect("delete");
    assert!(store.chains().expect("chains").is_empty());
    assert_eq!(store.chain(c.0.id).expect("chain"), Some(c.0));
}

#[test]
fn projects_attach_to_links_and_an_override_is_set_and_lifted() {
    let mut store = Store::in_memory().expect("store");
    let c = small_chain();
    store.write(&chain_writes(&c)).expect("write");
    let mut signed = Project::new("电芯生产基地");
    signed.stage = Stage::Signed;
    let talks = Project::new("电池包项目");
    let link = ProjectLink::new(signed.id, c.2.id);
    // The same pair attached twice (as two files might) is one attachment.
    let twice = ProjectLink::new(signed.id, c.2.id);
    let other = ProjectLink::new(talks.id, c.2.id);
    store
        .write(&[
            Write::PutProject(signed.clone()),
            Write::PutProject(talks.clone()),
            Write::PutProjectLink(link.clone()),
            Write::PutProjectLink(twice.clone()),
            Write::PutProjectLink(other.clone()),
        ])
        .expect("write");
    assert_eq!(
        store.links_of_project(signed.id).expect("links"),
        vec![link.clone()]
    );
    let mut of_link = vec![signed.id, talks.id];
    of_link.sort();
    assert_eq!(store.projects_of_link(c.2.id).expect("projects"), of_link);
    let linked = store.linked_projects(c.0.id).expect("linked");
    assert_eq!(linked.len(), 2);
    assert!(
        linked
            .iter()
            .any(|l| l.project == signed.id && l.stage == Stage::Signed)
    );
    store
        .write(&[
            Write::DeleteProjectLink(link.id),
            Write::DeleteProjectLink(twice.id),
        ])
        .expect("detach");
    assert!(store.links_of_project(signed.id).expect("links").is_empty());
    assert_eq!(
        store.projects_of_link(c.2.id).expect("projects"),
        vec![talks.id]
    );

    let word = StatusOverride {
        status: LinkStatus::Present,
        reason: "园区已有配套企业".into(),
    };
    store
        .write(&[Write::SetLinkOverride {
            node: c.1.id,
            status: Some(word.clone()),
        }])
        .expect("override");
    assert_eq!(
        store.link_override(c.1.id).expect("read"),
        Some(word.clone())
    );
    assert_eq!(store.link_overrides(c.0.id).expect("read").len(), 1);
    // Saving the link again keeps the user's word on its status.
    let mut renamed = c.1.clone();
    renamed.name = "动力电池系统".into();
    store
        .write(&[Write::PutChainNode(renamed)])
        .expect("rename");
    assert_eq!(store.link_override(c.1.id).expect("read"), Some(word));
    store
        .write(&[Write::SetLinkOverride {
            node: c.1.id,
            status: None,
        }])
        .expect("lift");
    assert_eq!(store.link_override(c.1.id).expect("read"), None);
}

#[test]
fn target_companies_are_stored_and_found_by_link() {
    let mut store = Store::in_memory().expect("store");
    let c = small_chain();
    store.write(&chain_writes(&c)).expect("write");
    let mut catl = TargetCompany::new("宁德时代新能源科技股份有限公司");
    catl.credit_code = "91350900587527783P".into();
    catl.city = "福建宁德".into();
    catl.priority = Priority::A;
    catl.chain_leader = true;
    catl.contact = ContactStatus::Interested;
    catl.links = vec![c.1.id, c.2.id];
    let mut byd = TargetCompany::new("比亚迪股份有限公司");
    byd.city = "深圳".into();
    byd.links = vec![c.3.id];
    store
        .write(&[
            Write::PutTargetCompany(catl.clone()),
            Write::PutTargetCompany(byd.clone()),
        ])
        .expect("write");
    assert_eq!(
        store.target_companies().expect("all"),
        vec![catl.clone(), byd.clone()]
    );
    assert_eq!(
        store.companies_of_link(c.2.id).expect("of link"),
        vec![catl.clone()]
    );
    assert_eq!(
        store.target_company(catl.id).expect("one"),
        Some(catl.clone())
    );
    assert_eq!(
        catl.origin().and_then(|p| p.province),
        Some("福建"),
        "the city is read by the origin rules"
    );
    store
        .write(&[Write::DeleteTargetCompany(catl.id)])
        .expect("delete");
    assert!(store.companies_of_link(c.2.id).expect("of link").is_empty());
    assert_eq!(store.target_company_count().expect("count"), 1);
}

fn send(from: &mut Store, to: &mut Store) {
    let site = to.sync_site().expect("site");
    let (bytes, _) = sync::export_bundle(from, Some(&site), None).expect("export");
    let bundle = sync::read_bundle(&bytes, None).expect("read");
    sync::apply(to, &bundle).expect("merge");
}

/// An officer maps a chain on a trip, attaches the lead's project to a link, overrides a
/// link's status and lists target companies; one bundle brings all of it to the lead.
#[test]
fn a_chain_made_in_an_officers_file_reaches_the_lead_through_a_bundle() {
    let dir = tempfile::tempdir().expect("dir");
    let mut lead = Store::open(&dir.path().join("lead.db")).expect("lead");
    let team = Team::new("新能源新材料招商组");
    let wang = Officer::new(team.id, "王杰");
    let mut project = Project::new("动力电池电芯项目");
    project.stage = Stage::Negotiating;
    lead.write(&[
        Write::PutTeam(team),
        Write::PutOfficer(wang.clone()),
        Write::PutProject(project.clone()),
    ])
    .expect("write");
    let mut officer = Store::open(&dir.path().join("wang.db")).expect("officer");
    send(&mut lead, &mut officer);

    let c = small_chain();
    let mut writes = chain_writes(&c);
    let link = ProjectLink::new(project.id, c.2.id);
    writes.push(Write::PutProjectLink(link.clone()));
    let word = StatusOverride {
        status: LinkStatus::Missing,
        reason: "现有企业规模太小".into(),
    };
    writes.push(Write::SetLinkOverride {
        node: c.3.id,
        status: Some(word.clone()),
    });
    let mut target = TargetCompany::new("远景动力技术有限公司");
    target.city = "江苏无锡".into();
    target.officer = Some(wang.id);
    target.links = vec![c.2.id];
    writes.push(Write::PutTargetCompany(target.clone()));
    officer.write(&writes).expect("officer writes");
    send(&mut officer, &mut lead);

    assert_eq!(lead.chains().expect("chains"), vec![c.0.clone()]);
    let tree = lead.chain_tree(c.0.id).expect("tree");
    assert_eq!(tree.nodes.len(), 3);
    assert_eq!(tree.children_of(c.1.id), vec![&c.2]);
    assert_eq!(
        lead.links_of_project(project.id).expect("links"),
        vec![link]
    );
    assert_eq!(lead.link_override(c.3.id).expect("override"), Some(word));
    assert_eq!(
        lead.companies_of_link(c.2.id).expect("companies"),
        vec![target.clone()]
    );
    // A later change to the company in the lead's file goes back to the officer.
    let mut called = target.clone();
    called.contact = ContactStatus::Contacted;
    lead.write(&[Write::PutTargetCompany(called.clone())])
        .expect("lead writes");
    send(&mut lead, &mut officer);
    assert_eq!(
        officer.target_company(target.id).expect("read"),
        Some(called)
    );
    assert_eq!(
        lead.sync_dump().expect("dump"),
        officer.sync_dump().expect("dump")
    );
}

#[test]
fn the_starting_chains_load_into_a_new_ledger() {
    let mut store = Store::in_memory().expect("store");
    let chains = starting_chains();
    let changes = zhaoshang::app::chain::created_chains(chains.clone());
    let writes: Vec<Write> = changes.iter().filter_map(|c| c.writes(true)).collect();
    store.write(&writes).expect("write");
    let names: Vec<String> = (store.chains().expect("chains").into_iter())
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["新能源汽车", "集成电路", "生物医药"]);
    for parsed in &chains {
        let tree = store.chain_tree(parsed.chain.id).expect("tree");
        assert_eq!(tree.nodes.len(), parsed.nodes.len());
        assert!(tree.nodes.iter().any(|n| n.key_link));
    }
    // Undo (the changes backwards) takes them away again.
    let undo: Vec<Write> = changes
        .iter()
        .rev()
        .filter_map(|c| c.writes(false))
        .collect();
    store.write(&undo).expect("undo");
    assert!(store.chains().expect("chains").is_empty());
}

#[test]
fn the_demo_attaches_its_projects_to_the_links_they_name_and_lists_target_companies() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).expect("day");
    let demo = zhaoshang::demo::generate(300, 2023, today);
    let chains = zhaoshang::demo::chains_and_companies(&demo, 2023);
    assert_eq!(chains.chains.len(), 3);
    assert!(chains.links.len() > 30, "{} links", chains.links.len());
    assert!(chains.companies.len() >= 12);
    let mut store = Store::in_memory().expect("store");
    let mut writes: Vec<Write> = demo.teams.iter().cloned().map(Write::PutTeam).collect();
    writes.extend(demo.officers.iter().cloned().map(Write::PutOfficer));
    writes.extend(demo.projects.iter().cloned().map(Write::PutProject));
    let changes = zhaoshang::app::chain::created_demo_chains(chains);
    writes.extend(changes.iter().filter_map(|c| c.writes(true)));
    store.write(&writes).expect("write");
    assert_eq!(store.chains().expect("chains").len(), 3);
    assert!(store.target_company_count().expect("count") >= 12);
}

/// The review pack's 产业链 sheet lists every link of every chain with the status the map
/// shows, its projects and the amount signed.
#[test]
fn the_review_pack_has_a_chain_sheet_with_each_links_status() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    use zhaoshang::domain::target::ElapsedCounting;
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::in_memory().expect("store");
    let c = small_chain();
    let mut writes = chain_writes(&c);
    let mut signed = Project::new("电芯生产基地");
    signed.stage = Stage::Signed;
    signed.stage_dates[Stage::Signed.index()] = NaiveDate::from_ymd_opt(2026, 3, 2);
    signed.investment = Some(zhaoshang::domain::Money {
        units: 250_000_000,
        currency: zhaoshang::domain::Currency::Cny,
    });
    writes.push(Write::PutProject(signed.clone()));
    writes.push(Write::PutProjectLink(ProjectLink::new(signed.id, c.2.id)));
    store.write(&writes).expect("write");
    let out = dir.path().join("pack.xlsx");
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).expect("day");
    zhaoshang::io::review::write_pack(&store, (2026, 3), ElapsedCounting::Days, today, &out)
        .expect("pack");
    let mut book: Xlsx<_> = open_workbook(&out).expect("open");
    let names = book.sheet_names();
    assert!(names.iter().any(|n| n == "产业链"), "sheets: {names:?}");
    let sheet = book.worksheet_range("产业链").expect("sheet");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    let row_of = |link: &str| {
        rows.iter()
            .find(|r| r.get(2).is_some_and(|c| c == link))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row_of("电芯")[1..8],
        ["中游", "电芯", "动力电池", "已有", "1", "2.5", "0"]
    );
    assert_eq!(row_of("整车制造")[4], "已有", "a local company");
    assert_eq!(row_of("动力电池 ★")[4], "已有");
    assert!(
        rows.iter()
            .any(|r| r.get(2).is_some_and(|c| c.starts_with("完整度 2/2")))
    );
}
