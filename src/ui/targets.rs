//! 目标: create, edit and delete targets, each with its progress against the elapsed share.

use super::Actions;
use crate::app::EditAction;
use uuid::Uuid;

use super::widgets::{field_error_ui, progress_bar_ui};
use crate::app::AppState;
use crate::domain::money::{YI, yi_rounded};
use crate::domain::target::{
    Metric, Period, Progress, Scope, Target, parse_target_value, tenths_text,
};
use crate::i18n::{Lang, T};
use crate::report::labels::{metric_label, metric_value, target_name};

/// The kinds of metric, in the order the form lists them.
const METRICS: [Metric; 6] = [
    Metric::SignedAmount,
    Metric::SignedCount,
    Metric::TierCount { min_cny: 10 * YI },
    Metric::StartedCount,
    Metric::ProductionCount,
    Metric::ForeignUsd,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PeriodKind {
    Year,
    Quarter,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Zone,
    Team,
    Industry,
}

/// The form's working copy: text as typed, checked on save.
struct Draft {
    id: Uuid,
    is_new: bool,
    name: String,
    year: i32,
    period_kind: PeriodKind,
    part: u32,
    scope_kind: ScopeKind,
    team: Option<Uuid>,
    industry: Option<String>,
    metric: Metric,
    value: String,
    min_tier_yi: String,
    errors: Vec<T>,
}

impl Draft {
    fn new(year: i32) -> Draft {
        Draft {
            id: Uuid::now_v7(),
            is_new: true,
            name: String::new(),
            year,
            period_kind: PeriodKind::Year,
            part: 1,
            scope_kind: ScopeKind::Zone,
            team: None,
            industry: None,
            metric: Metric::SignedAmount,
            value: String::new(),
            min_tier_yi: "10".into(),
            errors: Vec::new(),
        }
    }

    fn of(target: &Target) -> Draft {
        let (period_kind, part) = match target.period {
            Period::Year(_) => (PeriodKind::Year, 1),
            Period::Quarter(_, q) => (PeriodKind::Quarter, q),
            Period::Month(_, m) => (PeriodKind::Month, m),
        };
        let (scope_kind, team, industry) = match &target.scope {
            Scope::Zone => (ScopeKind::Zone, None, None),
            Scope::Team(id) => (ScopeKind::Team, Some(*id), None),
            Scope::Industry(name) => (ScopeKind::Industry, None, Some(name.clone())),
        };
        let value = if target.metric.is_amount() {
            yi_rounded(target.value, 4)
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            target.value.to_string()
        };
        let min_tier_yi = match target.metric {
            Metric::TierCount { min_cny } => yi_rounded(min_cny, 0),
            _ => "10".into(),
        };
        Draft {
            id: target.id,
            is_new: false,
            name: target.name.clone(),
            year: target.period.year(),
            period_kind,
            part,
            scope_kind,
            team,
            industry,
            metric: target.metric,
            value,
            min_tier_yi,
            errors: Vec::new(),
        }
    }

    /// The target, or the fields to fix.
    fn to_target(&self) -> Result<Target, Vec<T>> {
        let mut errors = Vec::new();
        let period = match self.period_kind {
            PeriodKind::Year => Period::new(self.year, None, None),
            PeriodKind::Quarter => Period::new(self.year, Some(self.part), None),
            PeriodKind::Month => Period::new(self.year, None, Some(self.part)),
        };
        let scope = match self.scope_kind {
            ScopeKind::Zone => Some(Scope::Zone),
            ScopeKind::Team => self.team.map(Scope::Team).or_else(|| {
                errors.push(T::ErrChooseTeam);
                None
            }),
            ScopeKind::Industry => self.industry.clone().map(Scope::Industry).or_else(|| {
                errors.push(T::ErrChooseIndustry);
                None
            }),
        };
        let metric = match self.metric {
            Metric::TierCount { .. } => match self.min_tier_yi.trim().parse::<i64>() {
                Ok(yi) if yi > 0 && yi <= 1_000_000 => Some(Metric::TierCount { min_cny: yi * YI }),
                _ => {
                    errors.push(T::ErrMinTier);
                    None
                }
            },
            other => Some(other),
        };
        let value = metric.and_then(|m| {
            parse_target_value(m, &self.value)
                .map_err(|_| errors.push(T::ErrTargetValue))
                .ok()
        });
        match (period, scope, metric, value) {
            (Some(period), Some(scope), Some(metric), Some(value)) if errors.is_empty() => {
                Ok(Target {
                    id: self.id,
                    name: self.name.trim().to_string(),
                    period,
                    scope,
                    metric,
                    value,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Default)]
pub struct TargetsView {
    draft: Option<Draft>,
    confirm_delete: Option<Uuid>,
}

impl TargetsView {
    pub fn show_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavTargets));
            if ui.button(state.t(T::NewTarget)).clicked() {
                self.draft = Some(Draft::new(chrono::Datelike::year(&state.today)));
            }
        });
        ui.separator();
        if let Some(draft) = &mut self.draft {
            let mut close = false;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                close = form_ui(ui, state, draft, actions);
            });
            if close {
                self.draft = None;
            }
            ui.add_space(8.0);
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| self.list_ui(ui, state, actions));
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
        if state.target_progress.all().is_empty() {
            // Said on the 目标 screen itself: how to set one here.
            ui.weak(state.t(T::NoTargetsHere));
            return;
        }
        let lang = state.lang;
        egui::Grid::new("targets_grid")
            .striped(true)
            .num_columns(8)
            .spacing(egui::vec2(14.0, 8.0))
            .show(ui, |ui| {
                for header in [
                    T::TargetName,
                    T::TargetValue,
                    T::ActualHeader,
                    T::CompletionHeader,
                    T::ElapsedHeader,
                    T::AheadHeader,
                ] {
                    ui.strong(state.t(header));
                }
                ui.label("");
                ui.label("");
                ui.end_row();
                for tp in state.target_progress.all() {
                    let target = &tp.target;
                    let progress = &tp.progress;
                    let name = target_name(&state.ledger.teams, target, lang);
                    ui.label(&name);
                    ui.label(metric_value(target.metric, progress.target, lang));
                    ui.label(metric_value(target.metric, progress.actual, lang));
                    ui.horizontal(|ui| {
                        progress_bar_ui(ui, progress, 160.0, &progress_summary(lang, progress));
                        ui.label(completion_text(progress));
                    });
                    ui.label(format!("{}%", tenths_text(progress.elapsed_tenths())));
                    ahead_label_ui(ui, lang, progress);
                    if ui.button(state.t(T::Edit)).clicked() {
                        self.draft = Some(Draft::of(target));
                    }
                    if self.confirm_delete == Some(target.id) {
                        ui.horizontal(|ui| {
                            ui.label(state.t(T::ConfirmDelete));
                            if ui.button(state.t(T::Delete)).clicked() {
                                actions.push(EditAction::DeleteTarget(target.id));
                                self.confirm_delete = None;
                            }
                            if ui.button(state.t(T::Cancel)).clicked() {
                                self.confirm_delete = None;
                            }
                        });
                    } else if ui.button(state.t(T::Delete)).clicked() {
                        self.confirm_delete = Some(target.id);
                    }
                    ui.end_row();
                }
            });
    }
}

/// The form; returns true when it should close (saved or cancelled).
fn form_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft, actions: &mut Actions) -> bool {
    let mut close = false;
    ui.strong(state.t(if draft.is_new {
        T::NewTarget
    } else {
        T::EditTarget
    }));
    egui::Grid::new("target_form")
        .num_columns(2)
        .spacing(egui::vec2(12.0, 6.0))
        .show(ui, |ui| {
            name_row_ui(ui, state, draft);
            period_row_ui(ui, state, draft);
            scope_row_ui(ui, state, draft);
            metric_row_ui(ui, state, draft);
            value_row_ui(ui, state, draft);
        });
    for error in &draft.errors {
        field_error_ui(ui, state.t(*error));
    }
    ui.horizontal(|ui| {
        if ui.button(state.t(T::Save)).clicked() {
            match draft.to_target() {
                Ok(target) => {
                    actions.push(EditAction::SaveTarget(target));
                    close = true;
                }
                Err(errors) => draft.errors = errors,
            }
        }
        if ui.button(state.t(T::Cancel)).clicked() {
            close = true;
        }
    });
    close
}

/// 目标名称.
fn name_row_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft) {
    let label = ui.label(state.t(T::TargetName));
    ui.add(
        egui::TextEdit::singleline(&mut draft.name)
            .hint_text(state.t(T::TargetNameHint))
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

/// The year, and a quarter or month of it.
fn period_row_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft) {
    let lang = state.lang;
    let label = ui.label(state.t(T::PeriodKindLabel));
    ui.horizontal(|ui| {
        let year_label = ui.label(state.t(T::YearLabel));
        ui.add(egui::DragValue::new(&mut draft.year).range(2000..=2100))
            .labelled_by(year_label.id);
        egui::ComboBox::from_id_salt("target_period_kind")
            .selected_text(period_kind_text(lang, draft.period_kind))
            .show_ui(ui, |ui| {
                for kind in [PeriodKind::Year, PeriodKind::Quarter, PeriodKind::Month] {
                    ui.selectable_value(&mut draft.period_kind, kind, period_kind_text(lang, kind));
                }
            })
            .response
            .labelled_by(label.id);
        let parts = match draft.period_kind {
            PeriodKind::Year => 0,
            PeriodKind::Quarter => 4,
            PeriodKind::Month => 12,
        };
        if parts > 0 {
            draft.part = draft.part.clamp(1, parts);
            let part_label = ui.label(state.t(if parts == 4 {
                T::QuarterLabel
            } else {
                T::MonthLabel
            }));
            ui.add(egui::DragValue::new(&mut draft.part).range(1..=parts))
                .labelled_by(part_label.id);
        }
    });
    ui.end_row();
}

/// The whole zone, one team or one industry.
fn scope_row_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft) {
    let label = ui.label(state.t(T::ScopeLabel));
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("target_scope_kind")
            .selected_text(scope_kind_text(state, draft.scope_kind))
            .show_ui(ui, |ui| {
                for kind in [ScopeKind::Zone, ScopeKind::Team, ScopeKind::Industry] {
                    ui.selectable_value(&mut draft.scope_kind, kind, scope_kind_text(state, kind));
                }
            })
            .response
            .labelled_by(label.id);
        match draft.scope_kind {
            ScopeKind::Zone => {}
            ScopeKind::Team => {
                let chosen = state.ledger.team_name(draft.team).to_string();
                egui::ComboBox::from_id_salt("target_team")
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        for team in &state.ledger.teams {
                            ui.selectable_value(&mut draft.team, Some(team.id), &team.name);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
            ScopeKind::Industry => {
                egui::ComboBox::from_id_salt("target_industry")
                    .selected_text(draft.industry.clone().unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for industry in &state.ledger.industries {
                            ui.selectable_value(
                                &mut draft.industry,
                                Some(industry.clone()),
                                industry,
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
            }
        }
    });
    ui.end_row();
}

/// What is counted (with a tier's threshold).
fn metric_row_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft) {
    let lang = state.lang;
    let label = ui.label(state.t(T::MetricLabel));
    ui.horizontal(|ui| {
        let same_kind = |a: Metric, b: Metric| a.code() == b.code();
        egui::ComboBox::from_id_salt("target_metric")
            .selected_text(metric_kind_text(lang, draft.metric))
            .width(220.0)
            .show_ui(ui, |ui| {
                for metric in METRICS {
                    if ui
                        .selectable_label(
                            same_kind(draft.metric, metric),
                            metric_kind_text(lang, metric),
                        )
                        .clicked()
                    {
                        draft.metric = metric;
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if matches!(draft.metric, Metric::TierCount { .. }) {
            let tier_label = ui.label(state.t(T::MinTierYi));
            ui.add(egui::TextEdit::singleline(&mut draft.min_tier_yi).desired_width(60.0))
                .labelled_by(tier_label.id);
        }
    });
    ui.end_row();
}

/// The target's figure, as typed.
fn value_row_ui(ui: &mut egui::Ui, state: &AppState, draft: &mut Draft) {
    let label = ui.label(state.t(T::TargetValue));
    let hint = if draft.metric.is_amount() {
        T::TargetValueHintAmount
    } else {
        T::TargetValueHintCount
    };
    ui.add(
        egui::TextEdit::singleline(&mut draft.value)
            .hint_text(state.t(hint))
            .desired_width(160.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn period_kind_text(lang: Lang, kind: PeriodKind) -> &'static str {
    lang.t(match kind {
        PeriodKind::Year => T::PeriodYear,
        PeriodKind::Quarter => T::PeriodQuarter,
        PeriodKind::Month => T::PeriodMonth,
    })
}

fn scope_kind_text(state: &AppState, kind: ScopeKind) -> &'static str {
    state.t(match kind {
        ScopeKind::Zone => T::ScopeZone,
        ScopeKind::Team => T::ScopeTeam,
        ScopeKind::Industry => T::ScopeIndustry,
    })
}

/// The metric's kind, without a tier's threshold: "N亿元以上" becomes "量级".
fn metric_kind_text(lang: Lang, metric: Metric) -> String {
    match (metric, lang) {
        (Metric::TierCount { .. }, _) => lang.t(T::MetricTierKind).into(),
        _ => metric_label(metric, lang),
    }
}

/// "94.3%", or "—" for a zero target.
pub(super) fn completion_text(progress: &Progress) -> String {
    progress
        .completion_tenths()
        .map(|c| format!("{}%", tenths_text(c)))
        .unwrap_or_else(|| "—".into())
}

/// 超序时 / 落后序时 in colour.
pub(super) fn ahead_label_ui(ui: &mut egui::Ui, lang: Lang, progress: &Progress) {
    match progress.ahead_tenths() {
        Some(a) if a >= 0 => {
            let text = lang.t(T::AheadBy).replace("{points}", &tenths_text(a));
            ui.colored_label(super::widgets::AHEAD_COLOR, text);
        }
        Some(a) => {
            let text = lang.t(T::BehindBy).replace("{points}", &tenths_text(-a));
            ui.colored_label(super::widgets::BEHIND_COLOR, text);
        }
        None => {
            ui.weak(lang.t(T::NoCompletion));
        }
    }
}

/// One line for screen readers: completion, elapsed share, ahead or behind.
pub(super) fn progress_summary(lang: Lang, progress: &Progress) -> String {
    let ahead = match progress.ahead_tenths() {
        Some(a) if a >= 0 => lang.t(T::AheadBy).replace("{points}", &tenths_text(a)),
        Some(a) => lang.t(T::BehindBy).replace("{points}", &tenths_text(-a)),
        None => lang.t(T::NoCompletion).to_string(),
    };
    format!(
        "{} {} · {} {}% · {ahead}",
        lang.t(T::CompletionHeader),
        completion_text(progress),
        lang.t(T::ElapsedHeader),
        tenths_text(progress.elapsed_tenths())
    )
}

impl super::ScreenView for TargetsView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.actions);
    }
}
