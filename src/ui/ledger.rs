//! 项目台账: the filterable, sortable ledger of every project, with a totals line.

use egui_extras::{Column, TableBuilder};

use super::dialogs::Dialogs;
use super::editor::EditorState;
use super::widgets::{date_text, parse_day};
use crate::app::{Action, AppState};
use crate::domain::Stage;
use crate::domain::money::yi_rounded;
use crate::domain::region::EconomicRegion;
use crate::i18n::{T, stage_label};
use crate::store::{DateField, SortColumn, SortOrder};

/// What the ledger screen remembers between frames (not part of the data).
#[derive(Default)]
pub struct LedgerView {
    search: String,
    date_from: String,
    date_to: String,
    selected: Option<i64>,
}

const ROW_HEIGHT: f32 = 24.0;

impl LedgerView {
    pub fn show_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        editor: &mut Option<EditorState>,
        dialogs: &mut Dialogs,
        actions: &mut Vec<Action>,
    ) {
        let mut filter = state.ledger.filter.clone();
        let mut tier = state.ledger.tier;
        ui.horizontal(|ui| {
            ui.heading(state.t(T::NavProjects));
            if ui.button(state.t(T::NewProject)).clicked() {
                *editor = Some(EditorState::new_project(state));
            }
            let selected_seq = self.selected;
            if ui
                .add_enabled(selected_seq.is_some(), egui::Button::new(state.t(T::Edit)))
                .clicked()
                && let Some(seq) = selected_seq
                && let Some(project) = state.project_by_seq(seq)
            {
                *editor = Some(EditorState::edit(state, project));
            }
            super::import::ledger_buttons_ui(ui, state, dialogs);
        });
        self.filters_ui(ui, state, &mut filter, &mut tier);
        if filter != state.ledger.filter || tier != state.ledger.tier {
            actions.push(Action::SetLedgerFilter(Box::new(filter), tier));
        }
        ui.separator();
        let totals = state.ledger.totals();
        // The totals line sits below the table; reserve its height first.
        let table_height = ui.available_height() - 28.0;
        ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| {
            self.table_ui(ui, state, editor, actions);
        });
        ui.separator();
        ui.label(
            state
                .t(T::TotalsLine)
                .replace("{count}", &totals.count.to_string())
                .replace("{amount}", &yi_rounded(totals.amount_cny, 2)),
        );
    }

    fn filters_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        filter: &mut crate::store::ProjectFilter,
        tier: &mut Option<usize>,
    ) {
        let all = state.t(T::All);
        ui.horizontal_wrapped(|ui| {
            let search = ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text(state.t(T::SearchHint))
                    .desired_width(200.0),
            );
            let name = state.t(T::SearchHint);
            search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
            if search.changed() {
                filter.search = self.search.clone();
            }
            let stage = filter.stages.first().copied();
            let mut chosen_stage = stage;
            filter_combo(
                ui,
                "filter_stage",
                state.t(T::Stage),
                stage.map(|s| stage_label(state.lang, s)).unwrap_or(all),
                |ui| {
                    ui.selectable_value(&mut chosen_stage, None, all);
                    for s in Stage::ALL {
                        ui.selectable_value(&mut chosen_stage, Some(s), stage_label(state.lang, s));
                    }
                },
            );
            if chosen_stage != stage {
                filter.stages = chosen_stage.into_iter().collect();
            }
            filter_combo(
                ui,
                "filter_industry",
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
                "filter_team",
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
                "filter_officer",
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
                        ui.selectable_value(
                            &mut filter.officer_id,
                            Some(officer.id),
                            &officer.name,
                        );
                    }
                },
            );
            let bands = state.tiers.bands();
            let tier_label = |i: usize| state.lang.tier_label(&state.tiers, bands[i]);
            filter_combo(
                ui,
                "filter_tier",
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
                "filter_region",
                state.t(T::Region),
                filter
                    .region
                    .map(|r| state.lang.region_label(r))
                    .unwrap_or(all),
                |ui| {
                    ui.selectable_value(&mut filter.region, None, all);
                    for r in EconomicRegion::ALL {
                        ui.selectable_value(
                            &mut filter.region,
                            Some(r),
                            state.lang.region_label(r),
                        );
                    }
                },
            );
            filter_combo(
                ui,
                "filter_date_field",
                state.t(T::DateRange),
                state.lang.date_field_label(filter.date_field),
                |ui| {
                    for f in DateField::ALL {
                        ui.selectable_value(
                            &mut filter.date_field,
                            f,
                            state.lang.date_field_label(f),
                        );
                    }
                },
            );
            for (text, bound, hint) in [
                (&mut self.date_from, &mut filter.date_from, T::DateFrom),
                (&mut self.date_to, &mut filter.date_to, T::DateTo),
            ] {
                let invalid = !text.trim().is_empty() && parse_day(text).is_none();
                let mut edit = egui::TextEdit::singleline(text)
                    .hint_text(state.t(hint))
                    .desired_width(118.0);
                if invalid {
                    edit = edit.text_color(ui.visuals().error_fg_color);
                }
                let response = ui.add(edit);
                // The hint names the field for screen readers and tests, too.
                let name = state.t(hint);
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
                if response.changed() {
                    *bound = parse_day(text);
                }
            }
            if ui.button(state.t(T::ClearFilters)).clicked() {
                *filter = Default::default();
                *tier = None;
                self.search.clear();
                self.date_from.clear();
                self.date_to.clear();
            }
        });
    }

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        state: &AppState,
        editor: &mut Option<EditorState>,
        actions: &mut Vec<Action>,
    ) {
        let columns: [(T, Option<SortColumn>, f32); 10] = [
            (T::ProjectName, Some(SortColumn::Name), 200.0),
            (T::Company, Some(SortColumn::Company), 165.0),
            (T::Industry, Some(SortColumn::Industry), 72.0),
            (T::Investment, Some(SortColumn::Amount), 92.0),
            (T::AmountYi, Some(SortColumn::Amount), 72.0),
            (T::Stage, Some(SortColumn::Stage), 80.0),
            (T::SignedDate, Some(SortColumn::SignedDate), 82.0),
            (T::Team, Some(SortColumn::Team), 104.0),
            (T::Officer, None, 56.0),
            (T::Origin, Some(SortColumn::Origin), 64.0),
        ];
        let mut table = TableBuilder::new(ui)
            .id_salt("ledger_table")
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        for (i, (_, _, width)) in columns.iter().enumerate() {
            table = if i == 0 {
                table.column(Column::initial(*width).at_least(80.0).clip(true))
            } else {
                table.column(Column::initial(*width).at_least(40.0).clip(true))
            };
        }
        let sort = (state.ledger.sort, state.ledger.order);
        table
            .header(ROW_HEIGHT, |mut header| {
                for (label, column, _) in columns {
                    header.col(|ui| {
                        let mut text = state.t(label).to_string();
                        if Some(sort.0) == column && label != T::Investment {
                            text.push_str(match sort.1 {
                                SortOrder::Ascending => " ▲",
                                SortOrder::Descending => " ▼",
                            });
                        }
                        let response = ui.add(
                            egui::Label::new(egui::RichText::new(text).strong())
                                .sense(egui::Sense::click()),
                        );
                        if let Some(column) = column
                            && response.clicked()
                        {
                            let order = if sort.0 == column && sort.1 == SortOrder::Descending {
                                SortOrder::Ascending
                            } else {
                                SortOrder::Descending
                            };
                            actions.push(Action::SetLedgerSort(column, order));
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, state.ledger.len(), |mut row| {
                    let index = row.index();
                    let drawn = state.with_ledger_row(index, |r| {
                        row.set_selected(self.selected == Some(r.seq));
                        row.col(|ui| {
                            ui.label(&r.name);
                        });
                        row.col(|ui| {
                            ui.label(&r.company);
                        });
                        row.col(|ui| {
                            ui.label(&r.industry);
                        });
                        row.col(|ui| {
                            if let Some(m) = r.investment {
                                ui.label(m.display_zh());
                            }
                        });
                        row.col(|ui| {
                            if let Some(cny) = r.amount_cny {
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| ui.label(yi_rounded(cny, 2)),
                                );
                            }
                        });
                        row.col(|ui| {
                            ui.label(stage_label(state.lang, r.stage));
                        });
                        row.col(|ui| {
                            ui.label(date_text(r.signed_date));
                        });
                        row.col(|ui| {
                            ui.label(&r.team);
                        });
                        row.col(|ui| {
                            ui.label(&r.officer);
                        });
                        row.col(|ui| {
                            ui.label(&r.origin);
                        });
                        r.seq
                    });
                    let response = row.response();
                    if let Some(seq) = drawn {
                        if response.clicked() {
                            self.selected = Some(seq);
                        }
                        if response.double_clicked()
                            && let Some(project) = state.project_by_seq(seq)
                        {
                            *editor = Some(EditorState::edit(state, project));
                        }
                    }
                });
            });
    }
}

/// A filter's name, then its choices; the name is also the combo box's accessible name.
fn filter_combo(
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
