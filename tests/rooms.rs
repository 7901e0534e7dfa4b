//! The application state's write funnel: an edit whose "before" cannot be read is refused, so
//! undo can never delete a record it did not create.

use chrono::NaiveDate;
use zhaoshang::app::{Action, AppState, EditAction, NoticeKind};
use zhaoshang::domain::target::{Metric, Period, Scope, Target};
use zhaoshang::domain::{Officer, Team, TeamKind};
use zhaoshang::i18n::Lang;
use zhaoshang::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 8, 31).unwrap()
}

/// A ledger file with one team and one officer, opened in the app, and its path.
fn ledger_with_a_team() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    AppState,
    Team,
    Officer,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zone.db");
    let mut state = AppState::new(Store::open(&path).unwrap(), today(), Lang::Zh);
    let team = Team {
        kind: TeamKind::default(),
        ..Team::new("深圳驻点招商办")
    };
    let officer = Officer::new(team.id, "李娜");
    state.apply(EditAction::SaveTeam(team.clone()));
    state.apply(EditAction::SaveOfficer(officer.clone()));
    assert!(state.notice.is_none(), "{:?}", state.notice);
    (dir, path, state, team, officer)
}

/// Damages one stored value behind the app's back, so reading that row fails.
fn damage(path: &std::path::Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    // A damaged file does not honour its own references either.
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    conn.execute_batch(sql).unwrap();
}

/// One value read straight from the file, as text.
fn stored(path: &std::path::Path, sql: &str) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let value: rusqlite::types::Value = conn.query_row(sql, [], |r| r.get(0)).unwrap();
    match value {
        rusqlite::types::Value::Integer(n) => n.to_string(),
        rusqlite::types::Value::Text(t) => t,
        other => format!("{other:?}"),
    }
}

fn assert_refused(state: &AppState) {
    let notice = state.notice.as_ref().expect("the user is told");
    assert_eq!(notice.kind, NoticeKind::Error, "{}", notice.text);
    assert!(notice.text.contains("保存失败"), "{}", notice.text);
}

#[test]
fn a_team_whose_stored_row_cannot_be_read_is_not_overwritten_and_undo_keeps_it() {
    let (_dir, path, mut state, team, _) = ledger_with_a_team();
    damage(&path, "UPDATE teams SET kind = 'no-such-kind'");
    let renamed = Team {
        name: "深圳招商小分队".into(),
        ..team.clone()
    };
    state.apply(EditAction::SaveTeam(renamed));
    assert_refused(&state);
    assert_eq!(stored(&path, "SELECT name FROM teams"), "深圳驻点招商办");
    // The last undo step is still the officer's creation: undoing it leaves the team.
    state.apply(Action::Undo);
    let live = stored(&path, "SELECT count(*) FROM teams WHERE deleted_at IS NULL");
    assert_eq!(live, "1");
}

#[test]
fn deleting_a_team_whose_officer_cannot_be_read_writes_nothing() {
    let (_dir, path, mut state, team, _) = ledger_with_a_team();
    damage(&path, "UPDATE officers SET team_id = 'not-a-uuid'");
    state.apply(EditAction::DeleteTeam(team.id));
    assert_refused(&state);
    let live = stored(&path, "SELECT count(*) FROM teams WHERE deleted_at IS NULL");
    assert_eq!(live, "1");
}

#[test]
fn an_officer_or_a_target_whose_row_cannot_be_read_is_not_overwritten() {
    let (_dir, path, mut state, team, officer) = ledger_with_a_team();
    damage(&path, "UPDATE officers SET team_id = 'not-a-uuid'");
    let renamed = Officer {
        name: "王磊".into(),
        ..officer
    };
    state.apply(EditAction::SaveOfficer(renamed));
    assert_refused(&state);
    assert_eq!(stored(&path, "SELECT name FROM officers"), "李娜");

    let target = Target {
        id: uuid::Uuid::now_v7(),
        name: String::new(),
        period: Period::Year(2023),
        scope: Scope::Team(team.id),
        metric: Metric::SignedAmount,
        value: 10_000_000_000,
    };
    state.apply(EditAction::SaveTarget(target.clone()));
    damage(&path, "UPDATE targets SET metric = 'no-such-metric'");
    state.notice = None;
    state.apply(EditAction::SaveTarget(Target {
        value: 20_000_000_000,
        ..target
    }));
    assert_refused(&state);
}
