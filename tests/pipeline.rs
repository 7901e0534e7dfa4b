//! 项目看板 at the action and store level: a move stamps the stage's date and records who moved
//! it, the column headers (from the store) follow, backward moves clear later dates but keep the
//! history, and one undo restores all of it. Also: an older ledger file migrates to the board's
//! schema with a copy made first.

mod common;

use common::{day, staged};
use zhaoshang::app::EditAction;

use zhaoshang::app::{Action, AppState, BoardAction, LedgerAction, Screen, SettingsAction};
use zhaoshang::domain::money::YI;
use zhaoshang::domain::{Officer, Project, Stage, Team};
use zhaoshang::i18n::Lang;
use zhaoshang::store::migrations::{LATEST_VERSION, MIGRATIONS};
use zhaoshang::store::{LedgerTotals, ProjectFilter, Store};

struct Zone {
    state: AppState,
    officer: Officer,
    negotiating: Project,
    signed: Project,
    lead: Project,
}

fn zone() -> Zone {
    let mut state = AppState::new(Store::in_memory().unwrap(), day(2023, 8, 31), Lang::Zh);
    // The board's headers are read for the board: these tests look at it.
    state.apply(Action::Navigate(Screen::Pipeline));
    let team = Team::new("新能源新材料招商组");
    let officer = Officer::new(team.id, "张喆");
    state.apply(EditAction::SaveTeam(team.clone()));
    state.apply(EditAction::SaveOfficer(officer.clone()));
    let mut negotiating = staged(
        "宁德时代储能项目",
        10,
        Stage::Negotiating,
        &[
            (Stage::Lead, day(2023, 1, 5)),
            (Stage::Negotiating, day(2023, 3, 1)),
        ],
    );
    negotiating.team_id = Some(team.id);
    negotiating.officer_id = Some(officer.id);
    let signed = staged(
        "上汽大通新MPV产业化项目",
        5,
        Stage::Signed,
        &[
            (Stage::Negotiating, day(2023, 2, 1)),
            (Stage::Signed, day(2023, 4, 13)),
        ],
    );
    let lead = staged(
        "氢燃料电池项目",
        2,
        Stage::Lead,
        &[(Stage::Lead, day(2023, 8, 1))],
    );
    for p in [&negotiating, &signed, &lead] {
        state.apply(EditAction::SaveProject(Box::new(p.clone())));
    }
    state.apply(SettingsAction::SetMyOfficer(Some(officer.id)));
    Zone {
        state,
        officer,
        negotiating,
        signed,
        lead,
    }
}

fn totals(count: i64, yi: i64) -> LedgerTotals {
    LedgerTotals {
        count,
        amount_cny: yi * YI,
    }
}

#[test]
fn a_move_stamps_its_date_records_who_and_undo_restores_all() {
    let mut z = zone();
    let s = &mut z.state;
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(1, 10));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(1, 5));

    s.apply(BoardAction::Move {
        project: z.negotiating.id,
        to: Stage::Signed,
        date: day(2023, 8, 25),
        reason: String::new(),
    });
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let moved = s.store().project(z.negotiating.id).unwrap().unwrap();
    assert_eq!(moved.stage, Stage::Signed);
    assert_eq!(
        moved.signed_date(),
        Some(day(2023, 8, 25)),
        "the stamped date"
    );
    assert_eq!(moved.stage_date(Stage::Negotiating), Some(day(2023, 3, 1)));
    let history = s.stage_moves(z.negotiating.id);
    assert_eq!(history.len(), 1);
    assert_eq!(
        (history[0].from, history[0].to, history[0].date),
        (Stage::Negotiating, Stage::Signed, day(2023, 8, 25))
    );
    assert_eq!(
        history[0].who, z.officer.name,
        "moved by the officer set as me"
    );
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(0, 0));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(2, 15));
    assert_eq!(s.column_len(Stage::Signed), 2);
    assert_eq!(s.column_len(Stage::Negotiating), 0);
    // The card in its new column shows its stage's date.
    let index = s.column_index_of(Stage::Signed, 1).unwrap();
    assert_eq!(
        s.with_card(Stage::Signed, index, |c| c.stage_date),
        Some(Some(day(2023, 8, 25)))
    );

    // One undo step takes back the stage, the date and the history entry.
    s.apply(Action::Undo);
    assert_eq!(
        s.store().project(z.negotiating.id).unwrap().unwrap(),
        z.negotiating
    );
    assert!(s.stage_moves(z.negotiating.id).is_empty());
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(1, 10));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(1, 5));
    // The step before it was setting "me", not part of the move.
    s.apply(Action::Redo);
    assert_eq!(s.stage_moves(z.negotiating.id).len(), 1);
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(2, 15));
}

#[test]
fn a_backward_move_clears_later_dates_and_keeps_the_history() {
    let mut z = zone();
    let s = &mut z.state;
    s.apply(BoardAction::Move {
        project: z.signed.id,
        to: Stage::Construction,
        date: day(2023, 6, 1),
        reason: String::new(),
    });
    s.apply(BoardAction::Move {
        project: z.signed.id,
        to: Stage::Negotiating,
        date: day(2023, 8, 30),
        reason: "对方重新评估选址".into(),
    });
    let back = s.store().project(z.signed.id).unwrap().unwrap();
    assert_eq!(back.stage, Stage::Negotiating);
    assert_eq!(back.stage_date(Stage::Negotiating), Some(day(2023, 8, 30)));
    assert_eq!(back.signed_date(), None, "no longer counted as signed");
    assert_eq!(back.stage_date(Stage::Construction), None);
    let history = s.stage_moves(z.signed.id);
    assert_eq!(history.len(), 2, "both moves are kept");
    assert_eq!(history[0].to, Stage::Construction);
    assert_eq!(history[1].reason, "对方重新评估选址");
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(2, 15));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(0, 0));
    s.apply(Action::Undo);
    let restored = s.store().project(z.signed.id).unwrap().unwrap();
    assert_eq!(restored.stage, Stage::Construction);
    assert_eq!(restored.signed_date(), Some(day(2023, 4, 13)));
    assert_eq!(
        restored.stage_date(Stage::Construction),
        Some(day(2023, 6, 1))
    );
}

#[test]
fn moves_that_cannot_be_made_are_refused_with_a_message() {
    let mut z = zone();
    let s = &mut z.state;
    // 终止 needs a reason.
    s.apply(BoardAction::Move {
        project: z.lead.id,
        to: Stage::Dropped,
        date: day(2023, 8, 31),
        reason: "  ".into(),
    });
    assert!(s.notice.as_ref().unwrap().text.contains("原因"));
    assert_eq!(
        s.store().project(z.lead.id).unwrap().unwrap().stage,
        Stage::Lead
    );
    // A 开工 date before the signing is refused.
    s.apply(Action::DismissNotice);
    s.apply(BoardAction::Move {
        project: z.signed.id,
        to: Stage::Construction,
        date: day(2023, 4, 1),
        reason: String::new(),
    });
    assert!(
        s.notice
            .as_ref()
            .unwrap()
            .text
            .contains("开工日期早于签约日期"),
        "{:?}",
        s.notice
    );
    assert!(s.stage_moves(z.signed.id).is_empty());
    // With the reason, 终止 works, and the reason is on record.
    s.apply(BoardAction::Move {
        project: z.lead.id,
        to: Stage::Dropped,
        date: day(2023, 8, 31),
        reason: "企业投资计划取消".into(),
    });
    assert_eq!(s.pipeline.totals(Stage::Dropped), totals(1, 2));
    assert_eq!(s.stage_moves(z.lead.id)[0].reason, "企业投资计划取消");
}

#[test]
fn filters_and_my_projects_change_the_headers() {
    let mut z = zone();
    let s = &mut z.state;
    s.apply(BoardAction::SetFilter(Box::default(), None, true));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(1, 10));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(0, 0));
    assert_eq!(s.column_len(Stage::Signed), 0);
    s.apply(BoardAction::SetFilter(
        Box::new(ProjectFilter {
            search: "上汽".into(),
            ..Default::default()
        }),
        None,
        false,
    ));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(1, 5));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(0, 0));
    // Tier band 5亿元以上 (index 2 of the default 1, 5, 10 … thresholds).
    s.apply(BoardAction::SetFilter(Box::default(), Some(2), false));
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(1, 5));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(0, 0));
    assert_eq!(s.pipeline.totals(Stage::Lead), totals(0, 0));
}

#[test]
fn a_column_is_read_only_when_it_is_asked_for() {
    let z = zone();
    let s = &z.state;
    for stage in Stage::ALL {
        assert!(!s.pipeline.is_loaded(stage));
    }
    assert_eq!(s.column_len(Stage::Signed), 1);
    assert!(s.pipeline.is_loaded(Stage::Signed));
    assert!(!s.pipeline.is_loaded(Stage::Lead));
    assert!(!s.pipeline.is_loaded(Stage::Negotiating));
}

#[test]
fn a_snooze_silences_until_its_day_and_undo_lifts_it() {
    let mut z = zone();
    let s = &mut z.state;
    s.apply(BoardAction::Snooze {
        project: z.negotiating.id,
        until: Some(day(2023, 12, 31)),
        reason: "等待土地指标".into(),
    });
    assert_eq!(
        s.snooze_of(z.negotiating.id),
        Some((day(2023, 12, 31), "等待土地指标".to_string()))
    );
    let card = s
        .with_card(Stage::Negotiating, 0, |c| {
            (c.snoozed_until, c.snooze_reason.clone())
        })
        .unwrap();
    assert_eq!(card, (Some(day(2023, 12, 31)), "等待土地指标".to_string()));
    s.apply(Action::Undo);
    assert_eq!(s.snooze_of(z.negotiating.id), None);
}

#[test]
fn a_version_1_ledger_migrates_after_a_copy_and_keeps_its_projects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", 0x5A53_545A)
            .unwrap();
        conn.execute(
            "INSERT INTO projects (id, name, stage, signed_date, amount, currency, amount_cny, \
             created_at, updated_at) VALUES ('0190b5a0-0000-7000-8000-000000000001', \
             '凯腾世链传动项目', 'signed', '2023-05-20', 800000000, 'CNY', 800000000, \
             '2023-05-20T09:00:00.000', '2023-05-20T09:00:00.000')",
            [],
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    let backup = store.migration_backup().expect("a copy before migrating");
    assert!(backup.exists());
    let name = backup.file_name().unwrap().to_string_lossy().to_string();
    assert!(name.starts_with("old.db.v1-"), "{name}");
    // The copy is the old ledger as it was.
    let old = rusqlite::Connection::open(backup).unwrap();
    let version: i32 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    // The migrated ledger keeps its project and works on the board.
    let by_stage = store.stage_totals(&ProjectFilter::default()).unwrap();
    assert_eq!(by_stage[Stage::Signed.index()], totals(1, 8));
    let p = store.all_projects().unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].name, "凯腾世链传动项目");
    assert!(store.stage_moves(p[0].id).unwrap().is_empty());
    assert_eq!(store.snooze_of(p[0].id).unwrap(), None);
}

#[test]
fn thresholds_and_me_are_settings_that_undo() {
    let mut z = zone();
    let s = &mut z.state;
    assert_eq!(s.ledger.my_officer, Some(z.officer.id));
    let mut thresholds = s.ledger.stale;
    thresholds.set(Stage::Negotiating, Some((10, 20)));
    s.apply(SettingsAction::SetStaleThresholds(thresholds));
    assert_eq!(s.ledger.stale.get(Stage::Negotiating), Some((10, 20)));
    s.apply(Action::Undo);
    assert_eq!(s.ledger.stale.get(Stage::Negotiating), Some((60, 120)));
    s.apply(SettingsAction::SetMyOfficer(None));
    assert_eq!(s.ledger.my_officer, None);
    // "Mine" with nobody chosen shows nothing rather than everything.
    s.apply(BoardAction::SetFilter(Box::default(), None, true));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(0, 0));
    s.apply(Action::Undo);
    assert_eq!(s.ledger.my_officer, Some(z.officer.id));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(1, 10));
}

#[test]
fn a_deleted_project_is_not_brought_back_by_a_move() {
    let mut z = zone();
    let s = &mut z.state;
    s.apply(EditAction::DeleteProject(z.lead.id));
    s.apply(BoardAction::Move {
        project: z.lead.id,
        to: Stage::Negotiating,
        date: day(2023, 8, 31),
        reason: String::new(),
    });
    assert!(s.notice.as_ref().unwrap().text.contains("不存在"));
    assert_eq!(s.pipeline.totals(Stage::Lead), totals(0, 0));
    assert_eq!(s.pipeline.totals(Stage::Negotiating), totals(1, 10));
    assert!(s.stage_moves(z.lead.id).is_empty());
}

#[test]
fn the_ledger_and_team_totals_are_current_when_opened_after_moves_on_the_board() {
    let mut z = zone();
    let s = &mut z.state;
    s.apply(Action::Navigate(Screen::Projects));
    s.apply(LedgerAction::SetFilter(
        Box::new(ProjectFilter {
            stages: vec![Stage::Signed],
            ..Default::default()
        }),
        None,
    ));
    assert_eq!(s.projects.totals(), totals(1, 5));
    s.apply(Action::Navigate(Screen::Pipeline));
    s.apply(BoardAction::Move {
        project: z.negotiating.id,
        to: Stage::Signed,
        date: day(2023, 8, 25),
        reason: String::new(),
    });
    assert_eq!(s.pipeline.totals(Stage::Signed), totals(2, 15));
    s.apply(Action::Navigate(Screen::Projects));
    assert_eq!(s.projects.totals(), totals(2, 15));
    assert_eq!(s.projects.len(), 2);
    // The teams' totals, too: the negotiating project belongs to the zone's team.
    s.apply(Action::Navigate(Screen::Pipeline));
    s.apply(EditAction::DeleteProject(z.negotiating.id));
    s.apply(Action::Navigate(Screen::Teams));
    assert!(s.team_totals.all().iter().all(|t| t.count == 0));
}
