//! The filters the ledger and the board share: industry, team, officer, tier and region.

use crate::app::AppState;
use crate::domain::query::{ProjectFilter, ReportFilter};
use crate::domain::region::EconomicRegion;
use crate::i18n::T;
use uuid::Uuid;

/// Industry, team, officer (of the chosen team), tier band and economic region, each a combo
/// box named for screen readers; `salt` keeps two screens' boxes apart.
pub(super) fn shared_filters_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    salt: &str,
    filter: &mut ProjectFilter,
    tier: &mut Option<usize>,
) {
    let all = state.t(T::All);
    industry_combo(ui, state, &format!("{salt}_industry"), &mut filter.industry);
    team_combo(ui, state, &format!("{salt}_team"), &mut filter.team_id);
    filter_combo(
        ui,
        &format!("{salt}_officer"),
        state.t(T::Officer),
        filter
            .officer_id
            .map(|id| state.ledger.officer_name(Some(id)))
            .unwrap_or(all),
        |ui| {
            ui.selectable_value(&mut filter.officer_id, None, all);
            for officer in state
                .ledger
                .officers
                .iter()
                .filter(|o| filter.team_id.is_none_or(|t| t == o.team_id))
            {
                ui.selectable_value(&mut filter.officer_id, Some(officer.id), &officer.name);
            }
        },
    );
    let bands = state.ledger.tiers.bands();
    let tier_label = |i: usize| state.lang.tier_label(&state.ledger.tiers, bands[i]);
    filter_combo(
        ui,
        &format!("{salt}_tier"),
        state.t(T::Tier),
        tier.filter(|i| *i < bands.len())
            .map(tier_label)
            .unwrap_or_else(|| all.to_string()),
        |ui| {
            ui.selectable_value(tier, None, all);
            for i in (0..bands.len()).rev() {
                ui.selectable_value(tier, Some(i), tier_label(i));
            }
        },
    );
    region_combo(ui, state, &format!("{salt}_region"), &mut filter.region);
}

/// 产业: every industry of the catalogue, or all of them.
pub(super) fn industry_combo(
    ui: &mut egui::Ui,
    state: &AppState,
    id_salt: &str,
    industry: &mut Option<String>,
) {
    let all = state.t(T::All);
    filter_combo(
        ui,
        id_salt,
        state.t(T::Industry),
        industry.clone().unwrap_or_else(|| all.to_string()),
        |ui| {
            ui.selectable_value(industry, None, all);
            for name in &state.ledger.industries {
                ui.selectable_value(industry, Some(name.clone()), name);
            }
        },
    );
}

/// 招商队伍: every team, or all of them.
pub(super) fn team_combo(
    ui: &mut egui::Ui,
    state: &AppState,
    id_salt: &str,
    team_id: &mut Option<Uuid>,
) {
    let all = state.t(T::All);
    filter_combo(
        ui,
        id_salt,
        state.t(T::Team),
        team_id
            .map(|id| state.ledger.team_name(Some(id)))
            .unwrap_or(all),
        |ui| {
            ui.selectable_value(team_id, None, all);
            for team in &state.ledger.teams {
                ui.selectable_value(team_id, Some(team.id), &team.name);
            }
        },
    );
}

/// 经济区: every economic region, or all of them.
pub(super) fn region_combo(
    ui: &mut egui::Ui,
    state: &AppState,
    id_salt: &str,
    region: &mut Option<EconomicRegion>,
) {
    let all = state.t(T::All);
    filter_combo(
        ui,
        id_salt,
        state.t(T::Region),
        region.map(|r| state.lang.region_label(r)).unwrap_or(all),
        |ui| {
            ui.selectable_value(region, None, all);
            for r in EconomicRegion::ALL {
                ui.selectable_value(region, Some(r), state.lang.region_label(r));
            }
        },
    );
}

/// Team, industry and economic region of origin: which projects a report screen (图表, 招商地图)
/// counts, with a button that clears them; the new filter when the user changed it.
pub(super) fn report_filter_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    salt: &str,
    current: &ReportFilter,
) -> Option<ReportFilter> {
    let mut filter = current.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label(state.t(T::ChartsFilterLabel));
        team_combo(ui, state, &format!("{salt}_team"), &mut filter.team_id);
        industry_combo(ui, state, &format!("{salt}_industry"), &mut filter.industry);
        region_combo(ui, state, &format!("{salt}_region"), &mut filter.region);
        if !filter.is_all() && ui.button(state.t(T::ClearFilters)).clicked() {
            filter = ReportFilter::default();
        }
    });
    (filter != *current).then_some(filter)
}

/// A filter's name, then its choices; the name is also the combo box's accessible name.
pub(super) fn filter_combo(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    selected: impl ToString,
    add_contents: impl FnOnce(&mut egui::Ui),
) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(selected.to_string())
        .show_ui(ui, add_contents)
        .response
        .labelled_by(label.id);
}
