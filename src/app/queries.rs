//! What views may ask of the state besides its fields: a record, a row, a card, a history, all
//! read-only. A read that fails shows as "nothing there"; writes never depend on these.

use std::path::Path;

use uuid::Uuid;

use super::AppState;
use crate::domain::pipeline::StageMove;
use crate::domain::{Project, Stage};
use crate::store::{CardRow, DuplicateHint, LedgerRow, Store};

/// One entry of a folder, for the window's own file picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    pub path: std::path::PathBuf,
    pub is_dir: bool,
}

impl AppState {
    /// The folders, and the files ending in one of `extensions`, in `dir`: folders first, each
    /// by name, hidden ones left out. For the window's file picker when the system's dialog
    /// cannot open.
    pub fn folder_entries(
        &self,
        dir: &Path,
        extensions: &[&str],
    ) -> std::io::Result<Vec<FolderEntry>> {
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let is_dir = path.is_dir();
            let wanted = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if is_dir || wanted {
                entries.push(FolderEntry { name, path, is_dir });
            }
        }
        entries.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
        Ok(entries)
    }

    pub fn can_undo(&self) -> bool {
        self.ledger.history().can_undo() && self.jobs.store.is_none()
    }

    pub fn can_redo(&self) -> bool {
        self.ledger.history().can_redo() && self.jobs.store.is_none()
    }

    /// The ledger file's path (None for an in-memory ledger).
    pub fn database_path(&self) -> Option<&Path> {
        self.ledger.path()
    }

    /// The store, for the command line, tests and benchmarks; views use the methods below.
    pub fn store(&self) -> &Store {
        self.ledger.store()
    }

    /// The largest 总投资 one project is taken to have without asking (the ledger's setting,
    /// 500 亿元 when unset): the same bound the importer warns at.
    pub fn amount_bound(&self) -> crate::domain::checks::AmountBound {
        let setting = self
            .store()
            .setting(crate::domain::checks::AMOUNT_BOUND_KEY)
            .ok()
            .flatten();
        crate::domain::checks::AmountBound::from_setting(setting.as_deref())
    }

    /// A whole project by id (the move prompt reads the stored one, not an editor's draft).
    /// Only a live one: a project an undo removed is kept, soft-deleted, for redo, and a view
    /// must not open it again.
    pub fn project(&self, id: Uuid) -> Option<Project> {
        self.store()
            .project(id)
            .ok()
            .flatten()
            .filter(|p| self.is_live(p.id))
    }

    fn is_live(&self, id: Uuid) -> bool {
        self.store().is_live(id).unwrap_or(false)
    }

    /// A whole project by its ledger key, for the editor.
    pub fn project_by_seq(&self, seq: i64) -> Option<Project> {
        self.store()
            .project_by_seq(seq)
            .ok()
            .flatten()
            .filter(|p| self.is_live(p.id))
    }

    /// A project's recorded stage moves, oldest first.
    pub fn stage_moves(&self, project: Uuid) -> Vec<StageMove> {
        self.store().stage_moves(project).unwrap_or_default()
    }

    /// A project's snooze (until, reason), if set.
    pub fn snooze_of(&self, project: Uuid) -> Option<(chrono::NaiveDate, String)> {
        self.store().snooze_of(project).ok().flatten()
    }

    /// Projects that look like this one (same credit code, company, or a similar name).
    pub fn duplicates_of(&self, project: &Project) -> Vec<DuplicateHint> {
        self.store().duplicates_of(project).unwrap_or_default()
    }

    /// Calls `f` with ledger row `index` of the current filter and order.
    pub fn with_ledger_row<R>(&self, index: usize, f: impl FnOnce(&LedgerRow) -> R) -> Option<R> {
        self.projects.with_row(self.store(), index, f)
    }

    /// Calls `f` with card `index` of a board column.
    pub fn with_card<R>(
        &self,
        stage: Stage,
        index: usize,
        f: impl FnOnce(&CardRow) -> R,
    ) -> Option<R> {
        self.pipeline.with_card(self.store(), stage, index, f)
    }

    /// How many cards a board column holds (reads the column's keys on first use).
    pub fn column_len(&self, stage: Stage) -> usize {
        self.pipeline.len(self.store(), stage)
    }

    /// Position of a card in its board column.
    pub fn column_index_of(&self, stage: Stage, seq: i64) -> Option<usize> {
        self.pipeline.index_of(self.store(), stage, seq)
    }
}
