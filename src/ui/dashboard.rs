//! 驾驶舱: the period's signings, starts and production with 同比, every target's progress,
//! tiers, top industries and origins, and the teams' race. It draws the cached report only;
//! the numbers are remade by the app layer when the data or the period change.

use super::Actions;
use super::period::PeriodPicker;

use super::targets::{ahead_label_ui, completion_text, progress_summary};
use super::widgets::{progress_bar_ui, updating_mark};
use crate::app::AppState;
use crate::domain::activity::{AppraisalOf, AppraisalRow};
use crate::domain::money::yi_rounded;
use crate::domain::query::{Dimension, Tally};
use crate::domain::target::tenths_text;
use crate::i18n::{Lang, T};
use crate::report::labels::{key_label, metric_value, target_name};
use crate::report::{Report, Share, share_tenths, yoy_tenths};

/// The dashboard draws the cached report; its period chooser is shared with the charts.
#[derive(Default)]
pub struct DashboardView;

/// Rows shown in each top-N list.
const TOP: usize = 8;

impl DashboardView {
    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        period: &mut PeriodPicker,
        actions: &mut Actions,
    ) {
        let updating = state.dashboard.is_updating();
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavDashboard));
            updating_mark(ui, state.lang, updating);
        });
        period.period_ui(ui, state, actions);
        ui.separator();
        let Some(report) = &state.dashboard.report else {
            ui.weak(state.t(if updating {
                T::FiguresLoading
            } else {
                T::PeriodNotBegun
            }));
            return;
        };
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                report_ui(ui, state.lang, report);
                ui.add_space(10.0);
                appraisal_ui(ui, state, actions);
                ui.add_space(10.0);
                super::sync::data_as_of_ui(ui, state);
            });
    }
}

fn report_ui(ui: &mut egui::Ui, lang: Lang, report: &Report) {
    ui.horizontal_wrapped(|ui| {
        let cards = [
            (
                T::SignedProjects,
                report.current.signed,
                report.last_year.signed,
            ),
            (
                T::StartedProjects,
                report.current.started,
                report.last_year.started,
            ),
            (
                T::ProductionProjects,
                report.current.in_production,
                report.last_year.in_production,
            ),
        ];
        for (title, now, last) in cards {
            headline_card_ui(ui, lang, title, now, last);
        }
    });
    ui.add_space(10.0);

    ui.heading(lang.t(T::TargetsProgress));
    if report.targets.is_empty() {
        ui.weak(lang.t(T::NoTargets));
    } else {
        egui::Grid::new("dashboard_targets")
            .num_columns(4)
            .spacing(egui::vec2(14.0, 6.0))
            .show(ui, |ui| {
                for tp in &report.targets {
                    let p = &tp.progress;
                    ui.label(target_name(&report.teams, &tp.target, lang));
                    progress_bar_ui(ui, p, 220.0, &progress_summary(lang, p));
                    ui.label(format!(
                        "{} / {} · {} · {} {}%",
                        metric_value(tp.target.metric, p.actual, lang),
                        metric_value(tp.target.metric, p.target, lang),
                        completion_text(p),
                        lang.t(T::ElapsedHeader),
                        tenths_text(p.elapsed_tenths()),
                    ));
                    ahead_label_ui(ui, lang, p);
                    ui.end_row();
                }
            });
    }
    ui.add_space(10.0);

    ui.columns(3, |columns| {
        columns[0].strong(lang.t(T::TierDistribution));
        tiers_ui(&mut columns[0], lang, report);
        columns[1].strong(lang.t(T::TopIndustries));
        shares_ui(
            &mut columns[1],
            lang,
            report,
            Dimension::Industry,
            &report.by_industry,
        );
        columns[2].strong(lang.t(T::TopRegions));
        shares_ui(
            &mut columns[2],
            lang,
            report,
            Dimension::Region,
            &report.by_region,
        );
    });
    ui.add_space(10.0);
    ui.columns(3, |columns| {
        columns[0].strong(lang.t(T::TopOrigins));
        shares_ui(
            &mut columns[0],
            lang,
            report,
            Dimension::Origin,
            &report.by_origin,
        );
    });
    ui.add_space(10.0);

    ui.heading(lang.t(T::Leaderboard));
    leaderboard_ui(ui, lang, report);
}

fn headline_card_ui(ui: &mut egui::Ui, lang: Lang, title: T, now: Tally, last: Tally) {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_min_width(250.0);
            ui.vertical(|ui| {
                ui.strong(lang.t(title));
                ui.label(
                    egui::RichText::new(
                        lang.t(T::CountAndAmount)
                            .replace("{count}", &now.count.to_string())
                            .replace("{amount}", &yi_rounded(now.amount_cny, 2)),
                    )
                    .size(20.0),
                );
                ui.label(
                    lang.t(T::YoyLine)
                        .replace(
                            "{count}",
                            &signed_percent(lang, yoy_tenths(now.count, last.count)),
                        )
                        .replace(
                            "{amount}",
                            &signed_percent(lang, yoy_tenths(now.amount_cny, last.amount_cny)),
                        ),
                );
                ui.weak(
                    lang.t(T::LastYearLine)
                        .replace("{count}", &last.count.to_string())
                        .replace("{amount}", &yi_rounded(last.amount_cny, 2)),
                );
            });
        });
}

/// "+20.8%", "-3.1%", or why there is none.
fn signed_percent(lang: Lang, tenths: Option<i64>) -> String {
    match tenths {
        Some(t) if t > 0 => format!("+{}%", tenths_text(t)),
        Some(t) => format!("{}%", tenths_text(t)),
        None => lang.t(T::YoyNone).to_string(),
    }
}

fn tiers_ui(ui: &mut egui::Ui, lang: Lang, report: &Report) {
    egui::Grid::new("dashboard_tiers")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label("");
            for header in [T::CountHeader, T::AmountYiHeader] {
                ui.strong(lang.t(header));
            }
            ui.end_row();
            for (band, tally) in report.by_tier.iter().rev() {
                ui.label(lang.tier_label(&report.tiers, *band));
                ui.label(tally.count.to_string());
                ui.label(yi_rounded(tally.amount_cny, 2));
                ui.end_row();
            }
        });
}

fn shares_ui(ui: &mut egui::Ui, lang: Lang, report: &Report, dimension: Dimension, rows: &[Share]) {
    if rows.is_empty() {
        ui.weak(lang.t(T::NoData));
        return;
    }
    let total = report.current.signed.amount_cny;
    egui::Grid::new(("dashboard_shares", dimension as u8))
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            ui.label("");
            for header in [T::CountHeader, T::AmountYiHeader, T::ShareHeader] {
                ui.strong(lang.t(header));
            }
            ui.end_row();
            for row in rows.iter().take(TOP) {
                ui.label(key_label(report, dimension, &row.key, lang));
                ui.label(row.tally.count.to_string());
                ui.label(yi_rounded(row.tally.amount_cny, 2));
                ui.label(
                    share_tenths(row.tally.amount_cny, total)
                        .map(|t| format!("{}%", tenths_text(t)))
                        .unwrap_or_default(),
                );
                ui.end_row();
            }
        });
}

fn leaderboard_ui(ui: &mut egui::Ui, lang: Lang, report: &Report) {
    if report.standings.is_empty() {
        ui.weak(lang.t(T::NoData));
        return;
    }
    egui::Grid::new("dashboard_leaderboard")
        .striped(true)
        .num_columns(8)
        .spacing(egui::vec2(16.0, 6.0))
        .show(ui, |ui| {
            for header in [
                T::RankHeader,
                T::ScopeTeam,
                T::CompletionHeader,
                T::CountHeader,
                T::AmountYiHeader,
                T::RankByAmountHeader,
                T::RankChangeHeader,
                T::AmountRankChangeHeader,
            ] {
                ui.strong(lang.t(header));
            }
            ui.end_row();
            for s in &report.standings {
                ui.label(s.rank_by_completion.to_string());
                ui.label(&s.name);
                ui.label(
                    s.completion_tenths
                        .map(|c| format!("{}%", tenths_text(c)))
                        .unwrap_or_else(|| lang.t(T::NoTarget).to_string()),
                );
                ui.label(s.signed.count.to_string());
                ui.label(yi_rounded(s.signed.amount_cny, 2));
                ui.label(s.rank_by_amount.to_string());
                ui.label(rank_change_text(lang, s.completion_rank_change()));
                ui.label(rank_change_text(lang, s.amount_rank_change()));
                ui.end_row();
            }
        });
}

/// 考核: each officer's, then each team's, figures for the period, by rank (how each is
/// counted: the README).
fn appraisal_ui(ui: &mut egui::Ui, state: &AppState, actions: &mut Actions) {
    let lang = state.lang;
    ui.horizontal(|ui| {
        ui.heading(lang.t(T::AppraisalTitle));
        super::agenda::reviewed_only_ui(ui, state, actions);
    });
    let Some(appraisal) = &state.dashboard.appraisal else {
        return;
    };
    if appraisal.officers.is_empty() {
        ui.weak(lang.t(T::AppraisalNone));
        return;
    }
    appraisal_grid_ui(ui, state, "dashboard_appraisal", &appraisal.officers);
    ui.add_space(10.0);
    appraisal_grid_ui(ui, state, "dashboard_appraisal_teams", &appraisal.teams);
}

/// One 考核 table: an officer's rows name the officer and the team, a team's the team.
fn appraisal_grid_ui(ui: &mut egui::Ui, state: &AppState, id: &str, rows: &[AppraisalRow]) {
    let lang = state.lang;
    let ledger = &state.ledger;
    let of_officers = matches!(rows.first().map(|r| r.of), Some(AppraisalOf::Officer(_)));
    egui::Grid::new(id)
        .striped(true)
        .spacing(egui::vec2(16.0, 6.0))
        .show(ui, |ui| {
            ui.strong(lang.t(T::RankHeader));
            if of_officers {
                ui.strong(lang.t(T::AppraisalOfficer));
            }
            for header in [
                T::ScopeTeam,
                T::AppraisalTripDays,
                T::AppraisalCompanies,
                T::AppraisalActivities,
                T::AppraisalNewLeads,
                T::AppraisalSigned,
                T::AppraisalSignedYi,
            ] {
                ui.strong(lang.t(header));
            }
            ui.end_row();
            for row in rows {
                ui.label(row.rank.to_string());
                match row.of {
                    AppraisalOf::Officer(id) => {
                        let officer = ledger.officers.iter().find(|o| o.id == id);
                        ui.label(ledger.officer_name(Some(id)));
                        ui.label(ledger.team_name(officer.map(|o| o.team_id)));
                    }
                    AppraisalOf::Team(id) => {
                        ui.label(ledger.team_name(Some(id)));
                    }
                    AppraisalOf::Zone => continue,
                }
                let f = &row.figures;
                for n in [
                    f.trip_days,
                    f.companies_visited,
                    f.activities(),
                    f.new_leads,
                    f.signed_count,
                ] {
                    ui.label(n.to_string());
                }
                ui.label(yi_rounded(f.signed_cny, 2));
                ui.end_row();
            }
        });
}

/// Places gained (↑) or lost (↓) since last month; "—" in the period's first month.
fn rank_change_text(lang: Lang, change: Option<i64>) -> String {
    match change {
        None => "—".to_string(),
        Some(0) => lang.t(T::RankSame).to_string(),
        Some(c) if c > 0 => format!("↑{c}"),
        Some(c) => format!("↓{}", -c),
    }
}

impl super::ScreenView for DashboardView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut super::ViewContext<'_>) {
        self.show_ui(ui, cx.state, cx.period, cx.actions);
    }
}
