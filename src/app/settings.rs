//! Settings of the ledger (industries, rates, tiers, counting rule, stale thresholds, "me"),
//! each one undo step, and the ledger files: open another, create one, save a copy.

use std::path::PathBuf;

use uuid::Uuid;

use super::history::Change;
use super::ledger::MY_OFFICER;
use super::{AppState, Screen};
use crate::domain::pipeline::{STALE_SETTING, StaleThresholds};
use crate::domain::target::ElapsedCounting;
use crate::domain::{RateTable, Tiers};
use crate::i18n::{Lang, T, open_error_text};
use crate::store::{ELAPSED_COUNTING_KEY, Store};

#[derive(Debug, Clone)]
pub enum SettingsAction {
    SetIndustries(Vec<String>),
    SetRates(RateTable),
    SetTiers(Tiers),
    SetElapsedCounting(ElapsedCounting),
    SetStaleThresholds(StaleThresholds),
    /// The officer whose projects "my projects" shows, and whose name moves are recorded under.
    SetMyOfficer(Option<Uuid>),
    SetLanguage(Lang),
    OpenDatabase(PathBuf),
    NewDatabase(PathBuf),
    SaveCopy(PathBuf),
    /// Restores a backup as a copy beside the ledger, then opens the copy.
    RestoreBackup(PathBuf),
}

impl AppState {
    pub(super) fn apply_settings(&mut self, action: SettingsAction) {
        let ledger = &self.ledger;
        let change = match action {
            SettingsAction::SetIndustries(after) => Change::Industries {
                before: ledger.industries.clone(),
                after,
            },
            SettingsAction::SetRates(after) => Change::Rates {
                before: ledger.rates.clone(),
                after,
            },
            SettingsAction::SetTiers(after) => Change::Tiers {
                before: ledger.tiers.clone(),
                after,
            },
            SettingsAction::SetElapsedCounting(counting) => {
                let before = match ledger.store().setting(ELAPSED_COUNTING_KEY) {
                    Ok(before) => before.unwrap_or_default(),
                    Err(e) => return self.store_failed(T::SaveFailed, &e),
                };
                Change::Setting {
                    key: ELAPSED_COUNTING_KEY.into(),
                    before,
                    after: counting.code().into(),
                }
            }
            SettingsAction::SetStaleThresholds(after) => Change::Setting {
                key: STALE_SETTING.into(),
                before: ledger.stale.to_setting(),
                after: after.to_setting(),
            },
            SettingsAction::SetMyOfficer(officer) => {
                let text = |id: Option<Uuid>| id.map(|i| i.to_string()).unwrap_or_default();
                Change::Setting {
                    key: MY_OFFICER.into(),
                    before: text(ledger.my_officer),
                    after: text(officer),
                }
            }
            SettingsAction::SetLanguage(lang) => {
                self.lang = lang;
                // Chart labels are made in one language.
                self.charts.invalidate();
                return;
            }
            SettingsAction::OpenDatabase(path) => return self.open_database(path),
            SettingsAction::NewDatabase(path) => return self.new_database(path),
            SettingsAction::SaveCopy(path) => return self.save_copy(path),
            SettingsAction::RestoreBackup(path) => return self.restore_backup(path),
        };
        self.edit(vec![change]);
    }

    fn open_database(&mut self, path: PathBuf) {
        self.open_in_window(&path);
    }

    fn new_database(&mut self, path: PathBuf) {
        if path.exists() {
            let text = format!("{}: {}", self.t(T::FileExists), path.display());
            return self.error(text);
        }
        match Store::open(&path) {
            Ok(store) => self.switch_store(store),
            Err(e) => self.error(open_error_text(self.lang, &e)),
        }
    }

    fn save_copy(&mut self, path: PathBuf) {
        match self.ledger.store().save_copy(&path) {
            // A copy of a read-only ledger is the writable one the user asked for: open it.
            Ok(()) if self.is_read_only() => self.open_in_window(&path),
            Ok(()) => self.info(format!("{}: {}", self.t(T::CopySaved), path.display())),
            Err(e) => self.store_failed(T::SaveFailed, &e),
        }
    }

    /// Starts over on another ledger file: every read model and the history go with the old.
    fn switch_store(&mut self, store: Store) {
        let migrated = store.migration_backup().map(|p| p.to_path_buf());
        let (repaint, background_reads) = (self.repaint.take(), self.background_reads);
        *self = AppState::starting(
            store,
            self.today,
            self.lang,
            Screen::default(),
            background_reads,
        );
        self.repaint = repaint;
        self.say_opened(migrated);
    }
}
