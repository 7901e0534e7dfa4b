//! 出差清单 through the app's read model and actions: the companies in a place (read as a city,
//! a province or in pinyin) with those on a 缺链 link first, then 在谈, then the rest, A before
//! B and 链主 first; the 在谈 projects from there; 安排出差 as one undo step (the trip and one
//! visit per row ticked, inside it); the .xlsx read back; and `trip plan` on the command line.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{day, stdout_of_success, zhaoshang};
use uuid::Uuid;

use zhaoshang::app::trip_plan::{Pick, Standing, TripDraft, trip_list};
use zhaoshang::app::{Action, AgendaAction, AppState, EditAction, Screen, TripAction};
use zhaoshang::domain::activity::{Activity, ActivityFilter, ActivityStatus};
use zhaoshang::domain::chain::{Chain, ChainNode, LinkStatus, Segment, StatusOverride};
use zhaoshang::domain::target_company::{Priority, TargetCompany};
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::{Store, Write};

const TODAY: (i32, u32, u32) = (2026, 12, 2);

fn company(name: &str, city: &str, priority: Priority, leader: bool, links: &[Uuid]) -> Write {
    let mut c = TargetCompany::new(name);
    c.city = city.into();
    c.priority = priority;
    c.chain_leader = leader;
    c.links = links.to_vec();
    Write::PutTargetCompany(c)
}

fn project(name: &str, company: &str, origin: &str, stage: Stage) -> Project {
    let mut p = Project::new(name);
    p.company = company.into();
    p.origin = origin.into();
    p.stage = stage;
    p
}

/// A chain with three links — 缺链, 在谈 (the user's word) and 已有 — companies in 苏州 on each,
/// one in 无锡, and projects from 苏州 and 南京 at several stages.
fn zone_store() -> (Store, Project) {
    let mut store = Store::in_memory().unwrap();
    let chain = Chain::new("新能源汽车");
    let missing = ChainNode::new(chain.id, Segment::Midstream, "驱动电机");
    let weak = ChainNode::new(chain.id, Segment::Midstream, "电控系统");
    let present = ChainNode::new(chain.id, Segment::Midstream, "动力电池");
    let (m, w, p) = (missing.id, weak.id, present.id);
    let word = |status| StatusOverride {
        status,
        reason: "测试".into(),
    };
    let talks = project(
        "苏州电驱项目",
        "苏州电驱科技有限公司",
        "江苏苏州",
        Stage::Negotiating,
    );
    store
        .write(&[
            Write::PutChain(chain),
            Write::PutChainNode(missing),
            Write::PutChainNode(weak),
            Write::PutChainNode(present),
            Write::SetLinkOverride {
                node: w,
                status: Some(word(LinkStatus::Negotiating)),
            },
            Write::SetLinkOverride {
                node: p,
                status: Some(word(LinkStatus::Present)),
            },
            company("甲已有科技", "苏州", Priority::A, true, &[p]),
            company("乙在谈科技", "苏州", Priority::A, false, &[w, p]),
            company("丙缺链科技", "苏州", Priority::B, false, &[m]),
            company("丁缺链科技", "苏州市", Priority::A, false, &[m, p]),
            company("戊链主科技", "江苏苏州", Priority::A, true, &[m]),
            company("己无锡科技", "无锡", Priority::A, false, &[m]),
            Write::PutProject(talks.clone()),
            Write::PutProject(project("苏州线索项目", "苏州线索公司", "苏州", Stage::Lead)),
            Write::PutProject(project(
                "苏州已签项目",
                "苏州已签公司",
                "苏州",
                Stage::Signed,
            )),
            Write::PutProject(project(
                "苏州搁置项目",
                "苏州搁置公司",
                "苏州",
                Stage::OnHold,
            )),
            Write::PutProject(project(
                "南京洽谈项目",
                "南京洽谈公司",
                "南京",
                Stage::Negotiating,
            )),
        ])
        .unwrap();
    (store, talks)
}

fn names(store: &Store, place: &str) -> (Vec<String>, Vec<String>) {
    let today = day(TODAY.0, TODAY.1, TODAY.2);
    let list = trip_list(store, |_| String::new(), place, today).unwrap();
    (
        list.companies.iter().map(|c| c.name.clone()).collect(),
        list.projects.iter().map(|p| p.name.clone()).collect(),
    )
}

#[test]
fn a_city_lists_missing_links_first_then_weak_then_the_rest_by_priority() {
    let (store, _) = zone_store();
    let today = day(TODAY.0, TODAY.1, TODAY.2);
    let list = trip_list(&store, |_| String::new(), "苏州", today).unwrap();
    let order: Vec<(&str, Standing)> = (list.companies.iter())
        .map(|c| (c.name.as_str(), c.standing))
        .collect();
    assert_eq!(
        order,
        [
            ("戊链主科技", Standing::Missing),
            ("丁缺链科技", Standing::Missing),
            ("丙缺链科技", Standing::Missing),
            ("乙在谈科技", Standing::Weak),
            ("甲已有科技", Standing::Rest),
        ]
    );
    let weak = &list.companies[3];
    assert!(
        weak.links
            .contains(&("新能源汽车 · 电控系统".into(), LinkStatus::Negotiating)),
        "{:?}",
        weak.links
    );
    let projects: Vec<(&str, Stage)> = (list.projects.iter())
        .map(|p| (p.name.as_str(), p.stage))
        .collect();
    assert_eq!(
        projects,
        [
            ("苏州电驱项目", Stage::Negotiating),
            ("苏州线索项目", Stage::Lead)
        ],
        "signed and on-hold projects are not in talks"
    );
    let picks = list.default_picks();
    assert_eq!(picks.len(), 3 + 2, "the 缺链 companies and every project");
    assert!(!picks.contains(&Pick::Company(list.companies[3].id)));
}

#[test]
fn a_place_is_read_as_a_city_as_a_province_and_in_pinyin() {
    let (store, _) = zone_store();
    let (city, _) = names(&store, "苏州");
    assert_eq!(names(&store, "Suzhou").0, city);
    assert_eq!(names(&store, "苏州市").0, city);
    let (province, projects) = names(&store, "江苏省");
    assert_eq!(province.len(), city.len() + 1);
    assert!(province.contains(&"己无锡科技".to_string()));
    assert!(projects.contains(&"南京洽谈项目".to_string()));
    assert!(
        !names(&store, "苏州")
            .1
            .contains(&"南京洽谈项目".to_string())
    );
    assert_eq!(names(&store, "  "), (vec![], vec![]), "no place, no list");
}

fn state_with_zone() -> (AppState, Project, Officer) {
    let (store, talks) = zone_store();
    let mut state = AppState::new(store, day(TODAY.0, TODAY.1, TODAY.2), Lang::Zh);
    state.apply(Action::DismissFirstRun);
    let team = Team::new("招商一组");
    let officer = Officer::new(team.id, "王敏");
    state.apply(EditAction::SaveTeam(team));
    state.apply(EditAction::SaveOfficer(officer.clone()));
    (state, talks, officer)
}

fn live(state: &AppState) -> Vec<Activity> {
    let store = state.ledger.store();
    store.activities(&ActivityFilter::default()).unwrap()
}

#[test]
fn planning_makes_the_trip_and_its_visits_in_one_step_and_undo_removes_them() {
    let (mut state, talks, officer) = state_with_zone();
    let last_contact = Activity {
        companies: vec!["丙缺链科技".into()],
        status: ActivityStatus::Done,
        ..Activity::new("call", day(2026, 11, 20))
    };
    state.apply(AgendaAction::Save(Box::new(last_contact)));
    state.apply(TripAction::Open);
    let (from, to) = (day(2026, 12, 8), day(2026, 12, 10));
    state.apply(TripAction::SetDraft(TripDraft {
        // Typed in pinyin: the trip is named by the origin rules.
        place: "Suzhou".into(),
        from,
        to,
        officers: vec![officer.id],
    }));
    let list = state.trip.list.clone();
    assert_eq!(list.companies.len(), 5);
    let c = list
        .companies
        .iter()
        .find(|c| c.name == "丙缺链科技")
        .unwrap();
    assert_eq!(c.last_contact, Some(day(2026, 11, 20)));
    // The user also ticks the weak company and unticks the lead project: 5 visits.
    state.apply(TripAction::Pick(Pick::Company(list.companies[3].id), true));
    state.apply(TripAction::Pick(Pick::Project(list.projects[1].id), false));
    let before = live(&state).len();
    state.apply(TripAction::Plan);
    assert_eq!(state.screen, Screen::Agenda);
    assert!(!state.trip.open);

    let added: Vec<Activity> = live(&state)
        .into_iter()
        .filter(|a| a.kind != "call")
        .collect();
    assert_eq!((before, added.len()), (1, 6), "the trip and 5 visits");
    let trip = added.iter().find(|a| a.kind == "trip").expect("the trip");
    assert_eq!(
        (trip.start, trip.end, trip.place.as_str()),
        (from, to, "苏州")
    );
    assert_eq!(trip.officers, vec![officer.id]);
    let visits: Vec<&Activity> = added.iter().filter(|a| a.kind == "visit").collect();
    assert_eq!(visits.len(), 5);
    for v in &visits {
        assert_eq!(v.parent, Some(trip.id));
        assert_eq!(v.status, ActivityStatus::Planned);
        assert!((from..=to).contains(&v.start) && v.start == v.end);
        assert_eq!(v.officers, vec![officer.id]);
    }
    let days: std::collections::BTreeSet<_> = visits.iter().map(|v| v.start).collect();
    assert_eq!(days.len(), 3, "spread over the trip's days");
    assert!(visits.iter().any(|v| v.projects == vec![talks.id]));
    assert!(
        visits
            .iter()
            .any(|v| v.companies == vec!["乙在谈科技".to_string()])
    );
    let shown: Vec<&str> = (state.agenda.shown.iter())
        .map(|a| a.kind.as_str())
        .collect();
    assert!(shown.contains(&"trip"), "the 日程 shows the trip's week");

    state.apply(Action::Undo);
    let left = live(&state);
    assert_eq!(left.len(), 1, "only the call is left: {left:?}");
    state.apply(Action::Redo);
    assert_eq!(live(&state).len(), 7);
}

#[test]
fn planning_without_a_place_says_so_and_writes_nothing() {
    let (mut state, _, _) = state_with_zone();
    state.apply(TripAction::Open);
    state.apply(TripAction::Plan);
    assert!(live(&state).is_empty());
    let notice = state.notice.clone().expect("a notice");
    assert!(notice.text.contains("地点"), "{}", notice.text);
}

fn sheet_rows(path: &std::path::Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("出差清单").unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_export_reads_back_with_its_title_and_rows() {
    let (mut state, _, _) = state_with_zone();
    state.apply(TripAction::Open);
    let draft = TripDraft {
        place: "江苏省".into(),
        from: day(2026, 12, 8),
        to: day(2026, 12, 10),
        officers: vec![],
    };
    state.apply(TripAction::SetDraft(draft));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("出差清单.xlsx");
    state.apply(TripAction::Export(out.clone()));
    let rows = sheet_rows(&out);
    assert_eq!(rows[0][0], "出差清单：江苏，2026-12-08 至 2026-12-10");
    assert_eq!(rows[1][2], "名称");
    assert_eq!(
        rows.len(),
        2 + 6 + 3,
        "title, header, 6 companies, 3 projects"
    );
    assert_eq!(rows[2][2], "戊链主科技");
    assert_eq!(rows[2][4], "缺链");
    assert_eq!(rows[2][0], "✓");
    assert!(rows[2][6].contains("驱动电机（缺链）"), "{:?}", rows[2]);
    let projects: Vec<&str> = rows[8..].iter().map(|r| r[2].as_str()).collect();
    assert!(projects.contains(&"南京洽谈项目"), "{projects:?}");
}

#[test]
fn the_command_line_prints_the_list_and_writes_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zone.db");
    {
        let (store, _) = zone_store();
        store.save_copy(&db).unwrap();
    }
    let out = dir.path().join("trip.xlsx");
    let run = zhaoshang()
        .args([
            "--db",
            db.to_str().unwrap(),
            "trip",
            "plan",
            "--place",
            "苏州",
        ])
        .args(["--from", "2026-12-08", "--to", "2026-12-10", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let text = stdout_of_success(&run);
    assert!(
        text.starts_with("出差清单：苏州，2026-12-08 至 2026-12-10"),
        "{text}"
    );
    let first = text.find("戊链主科技").expect("the 链主 on a 缺链 link");
    let weak = text.find("乙在谈科技").expect("the weak one");
    let rest = text.find("甲已有科技").expect("the rest");
    assert!(first < weak && weak < rest, "{text}");
    assert!(text.contains("苏州电驱项目") && !text.contains("苏州已签项目"));
    assert_eq!(sheet_rows(&out).len(), 2 + 5 + 2);

    let bad = zhaoshang()
        .args([
            "--db",
            db.to_str().unwrap(),
            "trip",
            "plan",
            "--place",
            "苏州",
        ])
        .args(["--from", "2026-12-10", "--to", "2026-12-08"])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

#[test]
fn opened_from_target_companies_filtered_by_a_place_the_trip_goes_there() {
    let (mut state, _, _) = state_with_zone();
    let filter = zhaoshang::app::target_companies::CompanyFilter {
        place: "无锡".into(),
        ..Default::default()
    };
    state.apply(zhaoshang::app::CompanyAction::SetFilter(filter));
    state.apply(Action::Navigate(Screen::Companies));
    state.apply(TripAction::Open);
    assert_eq!(state.trip.draft.place, "无锡");
    let names: Vec<&str> = (state.trip.list.companies.iter())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["己无锡科技"]);
    assert_eq!(
        (state.trip.draft.from, state.trip.draft.to),
        (day(2026, 12, 2), day(2026, 12, 4)),
        "today and the two days after"
    );
}
