//! The window: navigation, the screens, keyboard shortcuts. Views read [`AppState`] and return
//! [`Action`]s, which are applied after drawing.

mod charts;
mod dashboard;
mod dialogs;
mod editor;
mod filters;
pub mod fonts;
mod import;
mod ledger;
mod pipeline;
mod settings;
mod targets;
mod teams;
mod widgets;

use std::path::PathBuf;

use crate::app::{Action, AppState, NoticeKind, Screen};
use crate::i18n::{Lang, T};

pub use editor::EditorState;

/// Preferences of this user on this computer (not of the ledger): kept by eframe between runs.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub lang: Lang,
    pub dark: bool,
    pub screen: Screen,
    /// The ledger file last opened, so the next start opens it again.
    pub database: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::Zh,
            dark: false,
            // A fresh install opens on the board, the screen officers work in every day.
            screen: Screen::Pipeline,
            database: None,
        }
    }
}

const PREFS_KEY: &str = "zhaoshang.prefs";

/// The whole application as egui sees it.
pub struct ZhaoshangApp {
    pub state: AppState,
    dark: bool,
    ledger: ledger::LedgerView,
    pipeline: pipeline::PipelineView,
    move_prompt: Option<pipeline::MovePrompt>,
    editor: Option<EditorState>,
    teams: teams::TeamsView,
    targets: targets::TargetsView,
    dashboard: dashboard::DashboardView,
    charts: charts::ChartsView,
    settings: settings::SettingsView,
    dialogs: dialogs::Dialogs,
    /// The theme last given to egui, so it is set only when it changes.
    applied_dark: Option<bool>,
}

impl ZhaoshangApp {
    pub fn new(state: AppState, dark: bool) -> ZhaoshangApp {
        let settings = settings::SettingsView::new(&state);
        let dashboard = dashboard::DashboardView::new(&state);
        ZhaoshangApp {
            state,
            dark,
            ledger: ledger::LedgerView::default(),
            pipeline: pipeline::PipelineView::default(),
            move_prompt: None,
            editor: None,
            teams: teams::TeamsView::default(),
            targets: targets::TargetsView::default(),
            dashboard,
            charts: charts::ChartsView::default(),
            settings,
            dialogs: dialogs::Dialogs::default(),
            applied_dark: None,
        }
    }

    /// Loads prefs saved by an earlier run.
    pub fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
        storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default()
    }

    fn prefs(&self) -> Prefs {
        Prefs {
            lang: self.state.lang,
            dark: self.dark,
            screen: self.state.screen,
            database: self.state.database_path().map(|p| p.to_path_buf()),
        }
    }

    /// Draws one frame and applies what the user asked for. Tests drive this directly.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        if self.applied_dark != Some(self.dark) {
            ui.ctx().set_theme(if self.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            self.applied_dark = Some(self.dark);
        }
        self.state.prepare_frame();
        self.state.poll_import();
        self.state.poll_export();
        self.state.poll_history();
        if self.state.repaint.is_none() {
            let ctx = ui.ctx().clone();
            self.state.repaint = Some(std::sync::Arc::new(move || ctx.request_repaint()));
        }
        let mut actions = Vec::new();
        // While a move is being confirmed, undo waits: the prompt is about the project as it is.
        if self.move_prompt.is_none() {
            self.shortcuts(ui, &mut actions);
        }
        self.dialogs.poll(&mut actions);
        self.top_bar_ui(ui, &mut actions);
        self.navigation_ui(ui, &mut actions);
        egui::CentralPanel::default().show(ui, |ui| match self.state.screen {
            Screen::Dashboard => self.dashboard.show_ui(ui, &self.state, &mut actions),
            Screen::Charts => {
                self.charts
                    .show_ui(ui, &self.state, &mut self.dashboard, &mut actions)
            }
            Screen::Targets => self.targets.show_ui(ui, &self.state, &mut actions),
            Screen::Pipeline => self.pipeline.show_ui(
                ui,
                &self.state,
                &mut self.editor,
                &mut self.move_prompt,
                &mut actions,
            ),
            Screen::Projects => self.ledger.show_ui(
                ui,
                &self.state,
                &mut self.editor,
                &mut self.dialogs,
                &mut actions,
            ),
            Screen::Teams => self.teams.show_ui(ui, &self.state, &mut actions),
            Screen::Settings => self.settings.show_ui(
                ui,
                &self.state,
                &mut self.dark,
                &mut self.dialogs,
                &mut actions,
            ),
        });
        // The prompt first: it takes Escape before the editor underneath sees it.
        let mut moved = None;
        if let Some(prompt) = &mut self.move_prompt {
            match prompt.show_ui(ui.ctx(), &self.state, &mut actions) {
                pipeline::PromptOutcome::Open => {}
                pipeline::PromptOutcome::Closed => self.move_prompt = None,
                pipeline::PromptOutcome::Moved { id, to } => {
                    moved = Some((id, to));
                    self.move_prompt = None;
                }
            }
        }
        if let Some(editor) = &mut self.editor {
            if !editor.show_ui(ui.ctx(), &self.state, &mut actions) {
                self.editor = None;
            } else if let Some(to) = editor.take_move_request()
                && let Some(project) = self.state.project(editor.project_id())
            {
                self.move_prompt = Some(pipeline::MovePrompt::new(&self.state, project, to));
            }
        }
        if self.state.show_first_run {
            first_run_ui(ui.ctx(), &self.state, &mut actions);
        }
        if self.state.import.is_some() {
            import::import_window_ui(ui.ctx(), &self.state, &mut self.dialogs, &mut actions);
        }
        let reloaded = actions.iter().any(|a| {
            matches!(
                a,
                Action::OpenDatabase(_) | Action::NewDatabase(_) | Action::SetRates(_)
            )
        });
        self.state.apply_all(actions);
        if let Some((id, to)) = moved {
            self.pipeline.follow(id, to);
            if let Some(editor) = &mut self.editor
                && editor.project_id() == id
                && let Some(project) = self.state.project(id)
            {
                editor.sync_stage(&project);
            }
        }
        if reloaded {
            self.settings = settings::SettingsView::new(&self.state);
        }
    }

    fn shortcuts(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        // A focused text field keeps Ctrl+Z for its own text.
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let redo = egui::KeyboardShortcut::new(
            egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
            egui::Key::Z,
        );
        let redo_y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
        let undo = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
        ui.input_mut(|i| {
            // Ctrl+Shift+Z first: the plain Ctrl+Z shortcut would also match it.
            if i.consume_shortcut(&redo) || i.consume_shortcut(&redo_y) {
                actions.push(Action::Redo);
            } else if i.consume_shortcut(&undo) {
                actions.push(Action::Undo);
            }
        });
    }

    fn top_bar_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let state = &self.state;
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(state.t(T::AppTitle));
                if let Some(path) = state.database_path() {
                    ui.weak(path.display().to_string());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if let Some(away) = &state.history_away {
                        ui.label(state.t(if away.is_undo() {
                            T::Undoing
                        } else {
                            T::Redoing
                        }));
                        ui.add(egui::Spinner::new());
                    }
                    if ui
                        .add_enabled(state.can_redo(), egui::Button::new(state.t(T::Redo)))
                        .on_hover_text("Ctrl+Shift+Z")
                        .clicked()
                    {
                        actions.push(Action::Redo);
                    }
                    if ui
                        .add_enabled(state.can_undo(), egui::Button::new(state.t(T::Undo)))
                        .on_hover_text("Ctrl+Z")
                        .clicked()
                    {
                        actions.push(Action::Undo);
                    }
                });
            });
            if let Some(notice) = &state.notice {
                ui.horizontal(|ui| {
                    let color = match notice.kind {
                        NoticeKind::Error => ui.visuals().error_fg_color,
                        NoticeKind::Info => ui.visuals().hyperlink_color,
                    };
                    ui.colored_label(color, &notice.text);
                    if ui.small_button(state.t(T::Dismiss)).clicked() {
                        actions.push(Action::DismissNotice);
                    }
                });
            }
        });
    }

    fn navigation_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let state = &self.state;
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(120.0)
            .show(ui, |ui| {
                ui.add_space(8.0);
                for screen in Screen::ALL {
                    let label = match screen {
                        Screen::Dashboard => T::NavDashboard,
                        Screen::Charts => T::NavCharts,
                        Screen::Targets => T::NavTargets,
                        Screen::Pipeline => T::NavPipeline,
                        Screen::Projects => T::NavProjects,
                        Screen::Teams => T::NavTeams,
                        Screen::Settings => T::NavSettings,
                    };
                    let selected = state.screen == screen;
                    let button = egui::Button::selectable(selected, state.t(label))
                        .min_size(egui::vec2(ui.available_width(), 32.0));
                    if ui.add(button).clicked() && !selected {
                        actions.push(Action::Navigate(screen));
                    }
                }
            });
    }
}

/// On an empty ledger: load the demo zone, or start empty.
fn first_run_ui(ctx: &egui::Context, state: &AppState, actions: &mut Vec<Action>) {
    egui::Modal::new(egui::Id::unique("first_run")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading(state.t(T::FirstRunTitle));
        ui.add_space(6.0);
        ui.label(state.t(T::FirstRunBody));
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button(state.t(T::LoadDemo)).clicked() {
                actions.push(Action::LoadDemo);
            }
            if ui.button(state.t(T::StartEmpty)).clicked() {
                actions.push(Action::DismissFirstRun);
            }
        });
    });
}

impl eframe::App for ZhaoshangApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs());
    }
}
