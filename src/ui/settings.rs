//! 设置: the ledger file, exchange rates, tier thresholds, the industry catalogue, language and
//! theme, 同步 (`settings_sync`).

use super::Actions;
use crate::app::SettingsAction;
use chrono::NaiveDate;

use super::dialogs::{Dialogs, Purpose};
use super::widgets::{field_error_ui, parse_day};
use crate::app::AppState;
use crate::domain::money::{Rate, RateTable};
use crate::domain::pipeline::StaleThresholds;
use crate::domain::target::ElapsedCounting;
use crate::domain::{Currency, Stage, Tiers};
use crate::i18n::{Lang, T, stage_label};

/// A rate row as typed: the rate text stays as typed until it parses.
struct RateDraft {
    currency: Currency,
    effective: String,
    rate: String,
}

pub struct SettingsView {
    rates: Vec<RateDraft>,
    rates_error: Option<String>,
    tiers: String,
    tiers_error: Option<String>,
    new_industry: String,
    /// Amber and red days per stage as typed (see [`StaleThresholds`]).
    stale: Vec<(String, String)>,
    stale_error: Option<String>,
    /// 同步: the team passphrase and the 数据截至 days.
    sync: super::settings_sync::SyncSettings,
}

/// 7.1234 from micro-units, exactly.
fn micro_text(micro: i64) -> String {
    let text = format!("{}.{:06}", micro / 1_000_000, micro % 1_000_000);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "7.1234" → 7_123_400 micro-units; more than six decimals or not a positive number → None.
fn parse_micro(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > 6 || whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole
        .chars()
        .chain(frac.chars())
        .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<6}").parse().ok()?;
    let micro = whole.checked_mul(1_000_000)?.checked_add(frac)?;
    (micro > 0).then_some(micro)
}

impl SettingsView {
    pub fn new(state: &AppState) -> SettingsView {
        SettingsView {
            rates: state
                .ledger
                .rates
                .rates()
                .iter()
                .map(|r| RateDraft {
                    currency: r.currency,
                    effective: r.effective.format("%Y-%m-%d").to_string(),
                    rate: micro_text(r.cny_per_unit_micro),
                })
                .collect(),
            rates_error: None,
            tiers: tiers_text(&state.ledger.tiers),
            tiers_error: None,
            new_industry: String::new(),
            stale: stale_drafts(&state.ledger.stale),
            stale_error: None,
            sync: super::settings_sync::SyncSettings::new(state),
        }
    }

    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        dark: &mut bool,
        dialogs: &mut Dialogs,
        actions: &mut Actions,
    ) {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(state.t(T::NavSettings));
            ui.add_space(4.0);
            section(ui, state.t(T::SettingsDatabase), |ui| {
                ui.label(
                    state
                        .ledger_file()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| state.t(T::InMemory).to_string()),
                );
                ui.horizontal(|ui| {
                    let enabled = !dialogs.is_open();
                    for (label, purpose) in [
                        (T::OpenDatabase, Purpose::Open),
                        (T::NewDatabase, Purpose::New),
                        (T::SaveCopy, Purpose::SaveCopy),
                    ] {
                        if ui
                            .add_enabled(enabled, egui::Button::new(state.t(label)))
                            .clicked()
                        {
                            dialogs.start(ui.ctx(), purpose, state.t(label));
                        }
                    }
                });
                backups_ui(ui, state, actions);
            });
            // Next to the file: the 同步 screen's link leads here, and it should show.
            section(ui, state.t(T::SetSyncHeading), |ui| {
                self.sync.ui(ui, state, actions)
            });
            section(ui, state.t(T::SettingsAppearance), |ui| {
                ui.horizontal(|ui| {
                    ui.label(state.t(T::Language));
                    for lang in [Lang::Zh, Lang::En] {
                        if ui
                            .selectable_label(state.lang == lang, lang.name())
                            .clicked()
                        {
                            actions.push(SettingsAction::SetLanguage(lang));
                        }
                    }
                    ui.separator();
                    ui.label(state.t(T::Theme));
                    ui.selectable_value(dark, false, state.t(T::ThemeLight));
                    ui.selectable_value(dark, true, state.t(T::ThemeDark));
                });
            });
            section(ui, state.t(T::SettingsRates), |ui| {
                self.rates_ui(ui, state, actions)
            });
            section(ui, state.t(T::SettingsTiers), |ui| {
                self.tiers_ui(ui, state, actions)
            });
            section(ui, state.t(T::SettingsElapsed), |ui| {
                let mut counting = state.ledger.elapsed_counting;
                ui.radio_value(
                    &mut counting,
                    ElapsedCounting::Days,
                    state.t(T::ElapsedDays),
                );
                ui.radio_value(
                    &mut counting,
                    ElapsedCounting::Months,
                    state.t(T::ElapsedMonths),
                );
                if counting != state.ledger.elapsed_counting {
                    actions.push(SettingsAction::SetElapsedCounting(counting));
                }
            });
            section(ui, state.t(T::SettingsIndustries), |ui| {
                self.industries_ui(ui, state, actions)
            });
            section(ui, state.t(T::SettingsBoard), |ui| {
                self.board_ui(ui, state, actions)
            });
        });
    }

    fn rates_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.weak(state.t(T::RatesHelp));
        let mut remove = None;
        egui::Grid::new("rates")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                let currency_label = ui.strong(state.t(T::Currency)).id;
                let date_label = ui.strong(state.t(T::EffectiveFrom)).id;
                let rate_label = ui.strong(state.t(T::CnyPerUnit)).id;
                ui.end_row();
                for (i, draft) in self.rates.iter_mut().enumerate() {
                    egui::ComboBox::from_id_salt(("rate_currency", i))
                        .width(80.0)
                        .selected_text(draft.currency.code())
                        .show_ui(ui, |ui| {
                            for c in Currency::ALL.into_iter().filter(|c| *c != Currency::Cny) {
                                ui.selectable_value(&mut draft.currency, c, c.code());
                            }
                        })
                        .response
                        .labelled_by(currency_label);
                    // Sized explicitly: a grid cell would otherwise shrink them to the header.
                    ui.add_sized(
                        [100.0, 20.0],
                        egui::TextEdit::singleline(&mut draft.effective),
                    )
                    .labelled_by(date_label);
                    ui.add_sized([100.0, 20.0], egui::TextEdit::singleline(&mut draft.rate))
                        .labelled_by(rate_label);
                    if ui.small_button(state.t(T::Delete)).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            self.rates.remove(i);
        }
        ui.horizontal(|ui| {
            if ui.button(state.t(T::AddRate)).clicked() {
                self.rates.push(RateDraft {
                    currency: Currency::Usd,
                    effective: state.today.format("%Y-%m-%d").to_string(),
                    rate: String::new(),
                });
            }
            if ui.button(state.t(T::SaveRates)).clicked() {
                match self.parse_rates(state) {
                    Ok(table) => {
                        self.rates_error = None;
                        actions.push(SettingsAction::SetRates(table));
                    }
                    Err(message) => self.rates_error = Some(message),
                }
            }
        });
        if let Some(e) = &self.rates_error {
            field_error_ui(ui, e);
        }
    }

    fn parse_rates(&self, state: &AppState) -> Result<RateTable, String> {
        let mut rates = Vec::new();
        for (i, draft) in self.rates.iter().enumerate() {
            let row = i + 1;
            let effective: NaiveDate = parse_day(&draft.effective)
                .ok_or_else(|| state.t(T::ErrRateDate).replace("{row}", &row.to_string()))?;
            let micro = parse_micro(&draft.rate)
                .ok_or_else(|| state.t(T::ErrRateValue).replace("{row}", &row.to_string()))?;
            rates.push(Rate {
                currency: draft.currency,
                effective,
                cny_per_unit_micro: micro,
            });
        }
        Ok(RateTable::new(rates))
    }

    fn tiers_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let help = ui.weak(state.t(T::TiersHelp)).id;
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut self.tiers).desired_width(220.0))
                .labelled_by(help);
            ui.label(state.t(T::YiYuan));
            if ui.button(state.t(T::Save)).clicked() {
                let parsed: Option<Vec<i64>> = self
                    .tiers
                    .split([',', '，', '、', ' '])
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| p.trim().parse().ok())
                    .collect();
                match parsed.and_then(Tiers::new) {
                    Some(tiers) => {
                        self.tiers = tiers_text(&tiers);
                        self.tiers_error = None;
                        actions.push(SettingsAction::SetTiers(tiers));
                    }
                    None => self.tiers_error = Some(state.t(T::ErrTiers).to_string()),
                }
            }
        });
        if let Some(e) = &self.tiers_error {
            field_error_ui(ui, e);
        }
        ui.horizontal_wrapped(|ui| {
            for band in state.ledger.tiers.bands().into_iter().rev() {
                ui.weak(state.lang.tier_label(&state.ledger.tiers, band));
            }
        });
    }

    fn industries_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        let mut list = state.ledger.industries.clone();
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (i, name) in list.iter().enumerate() {
                // One button per industry, so the row wraps cleanly; clicking removes it.
                if ui
                    .button(format!("{name} ×"))
                    .on_hover_text(state.t(T::Delete))
                    .clicked()
                {
                    remove = Some(i);
                }
            }
            if let Some(i) = remove {
                list.remove(i);
                changed = true;
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::NewIndustryHint)).id;
            ui.add(egui::TextEdit::singleline(&mut self.new_industry).desired_width(160.0))
                .labelled_by(label);
            let name = self.new_industry.trim().to_string();
            if ui.button(state.t(T::AddIndustry)).clicked()
                && !name.is_empty()
                && !list.contains(&name)
            {
                list.push(name);
                self.new_industry.clear();
                changed = true;
            }
        });
        if changed {
            actions.push(SettingsAction::SetIndustries(list));
        }
    }
}

impl SettingsView {
    /// 项目看板: who "me" is, and the stale thresholds per stage.
    fn board_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::IAm));
            let mut me = state.ledger.my_officer;
            let shown = match me {
                Some(_) => state.ledger.officer_name(me).to_string(),
                None => state.t(T::Nobody).to_string(),
            };
            egui::ComboBox::from_id_salt("settings_me")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut me, None, state.t(T::Nobody));
                    for officer in &state.ledger.officers {
                        let team = state.ledger.team_name(Some(officer.team_id));
                        ui.selectable_value(
                            &mut me,
                            Some(officer.id),
                            format!("{} · {team}", officer.name),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            if me != state.ledger.my_officer {
                actions.push(SettingsAction::SetMyOfficer(me));
            }
        });
        ui.weak(state.t(T::StaleHelp));
        egui::Grid::new("stale_grid")
            .num_columns(3)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                ui.label("");
                let amber = ui.strong(state.t(T::AmberDays)).id;
                let red = ui.strong(state.t(T::RedDays)).id;
                ui.end_row();
                for (stage, (a, r)) in Stage::ALL.into_iter().zip(self.stale.iter_mut()) {
                    ui.label(stage_label(state.lang, stage));
                    ui.add_sized([70.0, 20.0], egui::TextEdit::singleline(a))
                        .labelled_by(amber);
                    ui.add_sized([70.0, 20.0], egui::TextEdit::singleline(r))
                        .labelled_by(red);
                    ui.end_row();
                }
            });
        if ui.button(state.t(T::Save)).clicked() {
            match self.parse_stale(state) {
                Ok(thresholds) => {
                    self.stale = stale_drafts(&thresholds);
                    self.stale_error = None;
                    actions.push(SettingsAction::SetStaleThresholds(thresholds));
                }
                Err(message) => self.stale_error = Some(message),
            }
        }
        if let Some(e) = &self.stale_error {
            field_error_ui(ui, e);
        }
    }

    fn parse_stale(&self, state: &AppState) -> Result<StaleThresholds, String> {
        let mut out = StaleThresholds::default();
        for (stage, (a, r)) in Stage::ALL.into_iter().zip(&self.stale) {
            let (a, r) = (a.trim(), r.trim());
            let error = || {
                state
                    .t(T::ErrThresholds)
                    .replace("{stage}", stage_label(state.lang, stage))
            };
            if a.is_empty() && r.is_empty() {
                out.set(stage, None);
                continue;
            }
            let amber: u32 = a.parse().ok().filter(|d| *d > 0).ok_or_else(error)?;
            let red: u32 = r.parse().ok().filter(|d| *d > 0).ok_or_else(error)?;
            out.set(stage, Some((amber, red)));
        }
        Ok(out)
    }
}

fn stale_drafts(thresholds: &StaleThresholds) -> Vec<(String, String)> {
    Stage::ALL
        .iter()
        .map(|s| match thresholds.get(*s) {
            Some((a, r)) => (a.to_string(), r.to_string()),
            None => (String::new(), String::new()),
        })
        .collect()
}

fn tiers_text(tiers: &Tiers) -> String {
    tiers
        .thresholds_yi()
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The backups beside the open ledger (name, date, size), each restorable as a copy; the
/// backup itself is never changed.
fn backups_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(state.t(T::Backups)).strong());
    if state.backups.is_empty() {
        ui.weak(state.t(T::NoBackups));
        return;
    }
    egui::Grid::new("backups").striped(true).show(ui, |ui| {
        for backup in &state.backups {
            ui.label(&backup.name);
            ui.label(&backup.date);
            let kb = backup.size.div_ceil(1024).to_string();
            ui.label(state.t(T::BackupSize).replace("{kb}", &kb));
            if ui
                .button(state.t(T::RestoreAsCopy))
                .on_hover_text(backup.path.display().to_string())
                .clicked()
            {
                actions.push(SettingsAction::RestoreBackup(backup.path.clone()));
            }
            ui.end_row();
        }
    });
}

fn section(ui: &mut egui::Ui, title: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.add_space(8.0);
    ui.strong(title);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        add(ui);
    });
}

impl super::ScreenView for SettingsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.dark, cx.dialogs, cx.actions);
    }

    /// Every draft is made again from the data: after an undo the screen shows the value the
    /// undo brought back, not the text typed before it.
    fn data_changed(&mut self, state: &AppState) {
        *self = SettingsView::new(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_exactly() {
        assert_eq!(parse_micro("7.1234"), Some(7_123_400));
        assert_eq!(parse_micro("0.049"), Some(49_000));
        assert_eq!(parse_micro("7"), Some(7_000_000));
        assert_eq!(parse_micro("7.1234567"), None);
        assert_eq!(parse_micro("0"), None);
        assert_eq!(parse_micro("abc"), None);
        assert_eq!(micro_text(7_123_400), "7.1234");
        assert_eq!(micro_text(7_000_000), "7");
    }
}
