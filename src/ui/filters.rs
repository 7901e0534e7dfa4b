//! The filters the ledger and the board share: industry, team, officer, tier and region.

use crate::app::AppState;
use crate::domain::region::EconomicRegion;
use crate::i18n::T;
use crate::store::ProjectFilter;

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
    filter_combo(
        ui,
        &format!("{salt}_industry"),
        state.t(T::Industry),
        filter.industry.clone().unwrap_or_else(|| all.to_string()),
        |ui| {
            ui.selectable_value(&mut filter.industry, None, all);
            for name in &state.industries {
                ui.selectable_value(&mut filter.industry, Some(name.clone()), name);
            }
        },
    );
    filter_combo(
        ui,
        &format!("{salt}_team"),
        state.t(T::Team),
        filter
            .team_id
            .map(|id| state.team_name(Some(id)))
            .unwrap_or(all),
        |ui| {
            ui.selectable_value(&mut filter.team_id, None, all);
            for team in &state.teams {
                ui.selectable_value(&mut filter.team_id, Some(team.id), &team.name);
            }
        },
    );
    filter_combo(
        ui,
        &format!("{salt}_officer"),
        state.t(T::Officer),
        filter
            .officer_id
            .map(|id| state.officer_name(Some(id)))
            .unwrap_or(all),
        |ui| {
            ui.selectable_value(&mut filter.officer_id, None, all);
            for officer in state
                .officers
                .iter()
                .filter(|o| filter.team_id.is_none_or(|t| t == o.team_id))
            {
                ui.selectable_value(&mut filter.officer_id, Some(officer.id), &officer.name);
            }
        },
    );
    let bands = state.tiers.bands();
    let tier_label = |i: usize| state.lang.tier_label(&state.tiers, bands[i]);
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
    filter_combo(
        ui,
        &format!("{salt}_region"),
        state.t(T::Region),
        filter
            .region
            .map(|r| state.lang.region_label(r))
            .unwrap_or(all),
        |ui| {
            ui.selectable_value(&mut filter.region, None, all);
            for r in EconomicRegion::ALL {
                ui.selectable_value(&mut filter.region, Some(r), state.lang.region_label(r));
            }
        },
    );
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
