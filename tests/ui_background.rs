//! The dashboard and the charts made on a worker, as the window makes them (egui_kittest,
//! headless, on a ledger file): the figures come without the window waiting, equal those made
//! on the spot, and after an edit the old ones stay shown, marked as updating, until the new
//! ones come. A ledger in memory has no file to share and is counted on the spot as before.

mod common;

use std::time::Duration;

use common::{harness, staged, wait_until};
use egui_kittest::kittest::Queryable;
use zhaoshang::app::{Action, AppState, EditAction, Screen};
use zhaoshang::domain::Stage;
use zhaoshang::domain::money::YI;
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

const BOUND: Duration = Duration::from_secs(20);

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn opened(db: &std::path::Path, background: bool) -> AppState {
    let mut state = AppState::new(Store::open(db).expect("open"), today(), Lang::Zh);
    state.background_reads = background;
    state.apply(Action::DismissFirstRun);
    state
}

/// What `read` finds on `screen` of a ledger opened with its figures made on the spot, as the
/// command line and the other tests make them: what the worker must match.
fn on_the_spot<T>(db: &std::path::Path, screen: Screen, read: impl Fn(&AppState) -> T) -> T {
    let mut spot = opened(db, false);
    spot.apply(Action::Navigate(screen));
    read(&spot)
}

/// The dashboard's report made on the spot.
fn spot_report(db: &std::path::Path) -> zhaoshang::report::Report {
    on_the_spot(db, Screen::Dashboard, |s| s.dashboard.report.clone())
        .expect("figures made on the spot")
}

#[test]
fn the_dashboard_comes_from_a_worker_and_keeps_its_figures_while_it_updates() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let expected = spot_report(&db);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Dashboard));
    // The screen is shown at once; its figures are on their way.
    assert!(state.dashboard.is_updating());
    assert!(state.dashboard.report.is_none());
    assert!(state.wait_for_figures(BOUND), "the figures came");
    assert_eq!(state.dashboard.report.as_ref(), Some(&expected));
    assert_eq!(
        state.dashboard.appraisal.as_ref(),
        Some(&expected.appraisal)
    );

    // A project signed today: the old figures stay until the new ones are made.
    let signed = staged(
        "新签约测试项目",
        10,
        Stage::Signed,
        &[(Stage::Signed, today())],
    );
    state.apply(EditAction::SaveProject(Box::new(signed)));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.dashboard.is_updating());
    assert_eq!(state.dashboard.report.as_ref(), Some(&expected));
    assert!(state.wait_for_figures(BOUND), "the new figures came");
    let now = &state
        .dashboard
        .report
        .as_ref()
        .expect("figures")
        .current
        .signed;
    assert_eq!(now.count, expected.current.signed.count + 1);
    assert_eq!(now.amount_cny, expected.current.signed.amount_cny + 10 * YI);
}

#[test]
fn the_window_draws_the_dashboard_and_the_charts_once_their_worker_is_done() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 200);
    let mut h = harness(opened(&db, true));
    h.get_by_label("驾驶舱").click();
    wait_until(&mut h, "the dashboard's figures", |h| {
        h.state().state.dashboard.report.is_some()
    });
    assert!(h.query_by_label("赛马排名").is_some());
    assert!(h.query_by_label("正在计算，请稍候…").is_none());
    assert!(h.query_by_label("正在更新…").is_none());
    h.get_by_label("图表").click();
    wait_until(&mut h, "the charts", |h| {
        h.state().state.charts.data.is_some()
    });
    assert!(!h.state().state.figures_updating());
}

#[test]
fn a_ledger_in_memory_is_counted_on_the_spot() {
    let mut state = AppState::new(Store::in_memory().expect("store"), today(), Lang::Zh);
    state.background_reads = true;
    state.apply(Action::Navigate(Screen::Dashboard));
    assert!(!state.dashboard.is_updating());
    assert!(state.dashboard.report.is_some());
}

#[test]
fn the_boards_marks_come_from_a_worker_and_equal_those_read_on_the_spot() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let expected = on_the_spot(&db, Screen::Pipeline, |s| {
        s.pipeline.projects_with_planned_activity()
    });
    assert!(expected > 0, "the demo plans activities");

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Pipeline));
    assert!(state.pipeline.marks_updating());
    assert_eq!(state.pipeline.projects_with_planned_activity(), 0);
    assert!(state.wait_for_figures(BOUND), "the marks came");
    assert_eq!(state.pipeline.projects_with_planned_activity(), expected);
}

#[test]
fn figures_finished_while_their_screen_is_left_are_shown_when_it_comes_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 200);
    let expected = spot_report(&db);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Dashboard));
    assert!(state.dashboard.is_updating());
    // Away before the figures come: they are kept, not lost, and nothing counts as updating.
    state.apply(Action::Navigate(Screen::Projects));
    assert!(state.wait_for_figures(BOUND));
    assert!(
        state.wait_for_figures(BOUND),
        "waiting again finds nothing running"
    );
    assert!(!state.figures_updating());
    state.apply(Action::Navigate(Screen::Dashboard));
    assert!(!state.dashboard.is_updating());
    assert_eq!(state.dashboard.report.as_ref(), Some(&expected));
}

#[test]
fn the_map_comes_from_a_worker_for_projects_and_for_target_companies() {
    use zhaoshang::app::MapAction;
    use zhaoshang::app::map_companies::MapSubject;
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 200);
    let mut spot = opened(&db, false);
    spot.apply(Action::Navigate(Screen::Map));
    let projects = spot.map.data.clone().expect("the projects' map");
    spot.apply(MapAction::SetSubject(MapSubject::Companies));
    let companies = spot.map.companies.clone().expect("the companies' map");
    drop(spot);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Map));
    assert!(state.map.is_updating());
    assert!(state.wait_for_figures(BOUND));
    assert_eq!(state.map.data.as_ref(), Some(&projects));
    state.apply(MapAction::SetSubject(MapSubject::Companies));
    assert!(state.wait_for_figures(BOUND));
    assert_eq!(state.map.companies.as_ref(), Some(&companies));
}

/// The ledger's names in order, as the screen lists them.
fn listed_names(state: &AppState) -> Vec<String> {
    (0..state.projects.len())
        .filter_map(|i| state.with_ledger_row(i, |r| r.name.clone()))
        .collect()
}

#[test]
fn the_ledgers_list_comes_from_a_worker_and_a_filter_change_keeps_the_old_one_until_then() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let (all, all_totals) = on_the_spot(&db, Screen::Projects, |s| {
        (listed_names(s), s.projects.totals())
    });
    assert_eq!(all.len(), 300);
    let team = Store::open(&db).expect("open").teams().expect("teams")[0].id;
    let only_team = |s: &mut AppState| {
        s.apply(zhaoshang::app::LedgerAction::ShowTeam(team));
    };
    let (team_list, team_totals) = {
        let mut spot = opened(&db, false);
        only_team(&mut spot);
        (listed_names(&spot), spot.projects.totals())
    };
    assert!(!team_list.is_empty() && team_list.len() < all.len());

    // The window opens on the ledger (its first list is made before the worker may be asked).
    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Projects));
    assert!(state.wait_for_figures(BOUND), "the list came");
    assert_eq!(listed_names(&state), all);
    assert_eq!(state.projects.totals(), all_totals);

    // One team's projects: the whole list stays shown, marked, until the team's comes.
    only_team(&mut state);
    assert!(state.projects.is_updating());
    assert_eq!(state.projects.len(), all.len());
    assert!(state.wait_for_figures(BOUND), "the team's list came");
    assert_eq!(listed_names(&state), team_list);
    assert_eq!(state.projects.totals(), team_totals);
}

/// Every column's card names and header, as the board shows them.
fn board(state: &AppState) -> Vec<(Vec<String>, zhaoshang::domain::query::LedgerTotals)> {
    Stage::ALL
        .iter()
        .map(|stage| {
            let names = (0..state.column_len(*stage))
                .filter_map(|i| state.with_card(*stage, i, |c| c.name.clone()))
                .collect();
            (names, state.pipeline.totals(*stage))
        })
        .collect()
}

#[test]
fn the_boards_columns_come_from_a_worker_and_a_move_shows_before_the_new_list_comes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let expected = on_the_spot(&db, Screen::Pipeline, board);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Pipeline));
    assert!(
        state.pipeline.board_updating(),
        "the columns are on their way"
    );
    assert!(state.wait_for_figures(BOUND), "the columns came");
    assert_eq!(board(&state), expected);

    // The first lead moves to 在谈: shown at once, before the worker reads the board again.
    let (moved, name, amount) = state
        .with_card(Stage::Lead, 0, |c| (c.id, c.name.clone(), c.amount_cny))
        .expect("a lead");
    let lead = state.pipeline.totals(Stage::Lead);
    let talks = state.pipeline.totals(Stage::Negotiating);
    state.apply(zhaoshang::app::BoardAction::Move {
        project: moved,
        to: Stage::Negotiating,
        date: today(),
        reason: String::new(),
    });
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.pipeline.board_updating());
    assert_eq!(state.pipeline.totals(Stage::Lead).count, lead.count - 1);
    assert_eq!(
        state.pipeline.totals(Stage::Negotiating).amount_cny,
        talks.amount_cny + amount.unwrap_or(0)
    );
    assert_eq!(
        state.with_card(Stage::Negotiating, 0, |c| c.name.clone()),
        Some(name.clone())
    );
    let leads_now: Vec<uuid::Uuid> = (0..state.column_len(Stage::Lead))
        .filter_map(|i| state.with_card(Stage::Lead, i, |c| c.id))
        .collect();
    assert!(!leads_now.contains(&moved));

    // The worker's board is the one read on the spot after the move.
    assert!(state.wait_for_figures(BOUND), "the new columns came");
    assert_eq!(board(&state), on_the_spot(&db, Screen::Pipeline, board));
}

#[test]
fn the_teams_totals_come_from_a_worker_and_the_old_stay_until_the_new_come() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let expected = on_the_spot(&db, Screen::Teams, |s| s.team_totals.all().to_vec());
    assert!(!expected.is_empty(), "the demo's teams have projects");

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Teams));
    assert!(
        state.team_totals.is_updating(),
        "the totals are on their way"
    );
    assert!(state.wait_for_figures(BOUND), "the totals came");
    assert_eq!(state.team_totals.all(), &expected[..]);

    // A new project of the first team: its old totals stay shown until the new ones come.
    let team = expected[0].team_id;
    let mut project = staged("新增队伍项目", 3, Stage::Lead, &[]);
    project.team_id = Some(team);
    state.apply(EditAction::SaveProject(Box::new(project)));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.team_totals.is_updating());
    assert_eq!(state.team_totals.of(team), expected.first());
    assert!(state.wait_for_figures(BOUND), "the new totals came");
    let now = state.team_totals.of(team).expect("the team's totals");
    assert_eq!(now.count, expected[0].count + 1);
    assert_eq!(now.amount_cny, expected[0].amount_cny + 3 * YI);
}

#[test]
fn the_chains_figures_come_from_a_worker_and_another_chains_are_never_shown_as_its_own() {
    use zhaoshang::app::ChainAction;
    use zhaoshang::domain::chain::{LinkStatus, StatusOverride};
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let chains = Store::open(&db).expect("open").chains().expect("chains");
    assert!(chains.len() >= 2, "the demo has chains to switch between");
    let (first, second) = (chains[0].id, chains[1].id);
    let spot_figures = |chain| {
        let mut spot = opened(&db, false);
        spot.apply(Action::Navigate(Screen::Chain));
        spot.apply(ChainAction::Select(chain));
        (spot.chain.figures_shown().cloned()).expect("figures made on the spot")
    };
    let (expected_first, expected_second) = (spot_figures(first), spot_figures(second));
    assert_ne!(expected_first, expected_second);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Chain));
    // The links are shown at once; their figures are on their way.
    assert_eq!(state.chain.selected, Some(first));
    assert!(!state.chain.tree.nodes.is_empty());
    assert!(state.chain.links_updating());
    assert_eq!(state.chain.figures_shown(), None);
    assert!(state.wait_for_figures(BOUND), "the figures came");
    assert_eq!(state.chain.figures_shown(), Some(&expected_first));

    // Another chain: the first one's figures are not shown as the second's meanwhile.
    state.apply(ChainAction::Select(second));
    assert!(state.chain.links_updating());
    assert_eq!(state.chain.figures_shown(), None);
    let link = state.chain.tree.nodes[0].id;
    assert_eq!(state.chain.figures_of(link), None);
    assert!(
        state.wait_for_figures(BOUND),
        "the second chain's figures came"
    );
    assert_eq!(state.chain.figures_shown(), Some(&expected_second));

    // An edit: the old figures stay shown, marked as updating, until the new ones come.
    let word = StatusOverride {
        status: LinkStatus::Present,
        reason: "已有本地企业".into(),
    };
    state.apply(ChainAction::Override(link, Some(word.clone())));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.chain.links_updating());
    assert_eq!(state.chain.figures_shown(), Some(&expected_second));
    assert!(state.wait_for_figures(BOUND), "the new figures came");
    let now = state.chain.figures_of(link).expect("the link's figures");
    assert_eq!(now.overridden.as_ref(), Some(&word));
    assert_eq!(now.status, LinkStatus::Present);
}

#[test]
fn the_trip_list_comes_from_a_worker_and_a_trip_waits_for_the_place_typed() {
    use zhaoshang::app::TripAction;
    use zhaoshang::domain::activity::ActivityFilter;
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let place_of = |state: &AppState, place: &str| {
        let mut draft = state.trip.draft.clone();
        draft.place = place.into();
        TripAction::SetDraft(draft)
    };
    let spot_list = |place: &str| {
        let mut spot = opened(&db, false);
        spot.apply(TripAction::Open);
        spot.apply(place_of(&spot, place));
        spot.apply(Action::Navigate(Screen::Agenda));
        spot.trip.list.clone()
    };
    let (suzhou, shanghai) = (spot_list("苏州"), spot_list("上海"));
    assert!(!suzhou.projects.is_empty() || !suzhou.companies.is_empty());
    assert_ne!(suzhou, shanghai);

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Agenda));
    state.apply(TripAction::Open);
    state.apply(place_of(&state, "苏州"));
    state.apply(Action::Navigate(Screen::Agenda));
    assert!(state.trip.is_updating());
    assert!(state.wait_for_figures(BOUND), "the list came");
    assert_eq!(state.trip.list, suzhou);
    assert!(state.trip.list_is_current());

    // Another place typed: until its list comes, 安排出差 plans nothing from 苏州's rows.
    state.apply(place_of(&state, "上海"));
    state.apply(Action::Navigate(Screen::Agenda));
    assert!(state.trip.is_updating());
    assert!(!state.trip.list_is_current());
    let before = state.ledger.store().activities(&ActivityFilter::default());
    state.apply(TripAction::Plan);
    let after = state.ledger.store().activities(&ActivityFilter::default());
    assert_eq!(before.expect("read").len(), after.expect("read").len());
    assert!(state.wait_for_figures(BOUND), "the second list came");
    assert_eq!(state.trip.list, shanghai);
    assert!(state.trip.list_is_current());
}

#[test]
fn a_new_list_from_the_worker_is_shown_without_a_query_on_the_windows_thread() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let mut store = Store::open(&db).expect("open");
    let statements = store.capture_statements().expect("trace");
    let mut state = AppState::new(store, today(), Lang::Zh);
    state.background_reads = true;
    state.apply(Action::DismissFirstRun);
    let run_here = || std::mem::take(&mut *statements.lock().expect("statements"));

    // The ledger: its first rows came with the list, so showing them asks the store nothing
    // (on a large ledger not yet in the page cache, each would be a disk read in a frame).
    state.apply(Action::Navigate(Screen::Projects));
    assert!(state.wait_for_figures(BOUND), "the list came");
    run_here();
    let names = (0..20).filter_map(|i| state.with_ledger_row(i, |r| r.name.clone()));
    assert_eq!(names.count(), 20);
    assert_eq!(run_here(), Vec::<String>::new());

    // The board: each column's first cards came with its keys.
    state.apply(Action::Navigate(Screen::Pipeline));
    assert!(state.wait_for_figures(BOUND), "the columns came");
    run_here();
    let mut cards = 0;
    for stage in Stage::ALL {
        for i in 0..state.column_len(stage).min(10) {
            cards += usize::from(state.with_card(stage, i, |c| c.id).is_some());
        }
    }
    assert!(cards > 20, "the demo fills the columns: {cards} cards");
    assert_eq!(run_here(), Vec::<String>::new());

    // An edit: the row shows its new name at once, read here, not the worker's older page.
    let (first, seq) = state.with_ledger_row(0, |r| (r.id, r.seq)).expect("a row");
    state.apply(Action::Navigate(Screen::Projects));
    let mut renamed = state.project(first).expect("the project");
    renamed.name = "改名后的项目".into();
    state.apply(EditAction::SaveProject(Box::new(renamed)));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    let index = state.projects.index_of(seq).expect("still listed");
    let shown = state.with_ledger_row(index, |r| r.name.clone());
    assert_eq!(shown.as_deref(), Some("改名后的项目"));
}

/// The ids of the activities 日程 shows for the days shown, and how many it lists as overdue
/// and coming.
fn agenda(state: &AppState) -> (Vec<uuid::Uuid>, usize, usize) {
    let model = &state.agenda;
    let shown = model.shown.iter().map(|a| a.id).collect();
    (shown, model.overdue.len(), model.upcoming.len())
}

#[test]
fn the_agenda_comes_from_a_worker_and_the_old_stays_until_the_new_comes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = common::demo_db(dir.path(), 300);
    let expected = on_the_spot(&db, Screen::Agenda, agenda);
    assert!(!expected.0.is_empty(), "the demo's week has activities");

    let mut state = opened(&db, true);
    state.apply(Action::Navigate(Screen::Agenda));
    assert!(state.agenda.is_updating(), "the agenda is on its way");
    assert!(state.wait_for_figures(BOUND), "the agenda came");
    assert_eq!(agenda(&state), expected);

    // A visit today: the old agenda stays shown, marked as updating, until the new one comes.
    let visit = zhaoshang::domain::activity::Activity::new("visit", today());
    state.apply(zhaoshang::app::AgendaAction::Save(Box::new(visit.clone())));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    assert!(state.agenda.is_updating());
    assert_eq!(agenda(&state), expected);
    assert!(state.wait_for_figures(BOUND), "the new agenda came");
    let (shown, _, upcoming) = agenda(&state);
    assert!(shown.contains(&visit.id), "the visit is on its day");
    assert_eq!(upcoming, expected.2 + 1);
}
