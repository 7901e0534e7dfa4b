//! The window: navigation, the screens behind the [`ScreenView`] trait, keyboard shortcuts.
//! Views read [`AppState`] through a [`ViewContext`] and send [`Action`]s, applied after drawing.

mod agenda;
mod chain;
mod charts;
mod dashboard;
mod dialogs;
mod editor;
mod filters;
pub mod fonts;
mod import;
mod ledger;
mod map;
mod map_companies;
mod move_prompt;
mod period;
mod pipeline;
mod safety;
mod settings;
mod settings_sync;
mod sync;
mod sync_edit;
mod target_companies;
mod target_companies_form;
mod target_companies_import;
mod targets;
mod teams;
mod trip;
mod widgets;

use std::path::PathBuf;

use crate::app::{Action, AppState, NoticeKind, Screen};
use crate::i18n::{Lang, T};

pub use chain::status_fill as chain_status_fill;
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
    /// The editor's unit for 总投资 (万 or 亿 in yuan), as this user last chose it.
    pub amount_unit: i64,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            lang: Lang::Zh,
            dark: false,
            // A fresh install opens on the board, the screen officers work in every day.
            screen: Screen::Pipeline,
            database: None,
            amount_unit: editor::DEFAULT_UNIT,
        }
    }
}

const PREFS_KEY: &str = "zhaoshang.prefs";

/// The actions a frame's views send, applied after drawing, in order.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    pub fn push(&mut self, action: impl Into<Action>) {
        self.0.push(action.into());
    }
}

/// What a screen gets to draw with: the state to read, the actions to send, and the window's
/// shared parts (the project editor, the move prompt, the file dialogs, the period chooser).
/// No screen can change the state itself.
pub(crate) struct ViewContext<'a> {
    pub state: &'a AppState,
    pub actions: &'a mut Actions,
    pub editor: &'a mut Option<EditorState>,
    pub prompt: &'a mut Option<pipeline::MovePrompt>,
    pub dialogs: &'a mut dialogs::Dialogs,
    pub period: &'a mut period::PeriodPicker,
    pub dark: &'a mut bool,
}

/// One screen of the navigation.
pub(crate) trait ScreenView {
    fn ui(&mut self, ui: &mut egui::Ui, cx: &mut ViewContext<'_>);

    /// The ledger's data changed (an edit, an undo, another file): drafts follow it.
    fn data_changed(&mut self, _state: &AppState) {}
}

/// The whole application as egui sees it.
pub struct ZhaoshangApp {
    pub state: AppState,
    dark: bool,
    /// One view per screen, in the navigation's order.
    screens: Vec<(Screen, Box<dyn ScreenView>)>,
    pipeline: pipeline::PipelineView,
    move_prompt: Option<pipeline::MovePrompt>,
    editor: Option<EditorState>,
    period: period::PeriodPicker,
    dialogs: dialogs::Dialogs,
    /// 出差清单's window (opened from 目标企业 and 日程).
    trip: trip::TripWindow,
    /// The data version the views last saw, to tell them when it changed.
    seen_version: u64,
    /// The theme last given to egui, so it is set only when it changes.
    applied_dark: Option<bool>,
    /// The editor's amount unit this user works in (a pref), and whether it was read yet.
    amount_unit: i64,
    unit_read: bool,
    /// The notice that came with the step at this history position ("已导入 … 可撤销"): it
    /// goes once that step is undone.
    notice_step: Option<(String, u64)>,
    history_position: u64,
}

impl ZhaoshangApp {
    pub fn new(state: AppState, dark: bool) -> ZhaoshangApp {
        let screens: Vec<(Screen, Box<dyn ScreenView>)> = vec![
            (Screen::Dashboard, Box::new(dashboard::DashboardView)),
            (Screen::Agenda, Box::new(agenda::AgendaView::default())),
            (Screen::Charts, Box::new(charts::ChartsView::default())),
            (Screen::Map, Box::new(map::MapView::default())),
            (
                Screen::Companies,
                Box::new(target_companies::CompaniesView::default()),
            ),
            (Screen::Projects, Box::new(ledger::LedgerView::default())),
            (Screen::Chain, Box::new(chain::ChainView::default())),
            (Screen::Targets, Box::new(targets::TargetsView::default())),
            (Screen::Teams, Box::new(teams::TeamsView::default())),
            (Screen::Sync, Box::new(sync::SyncView::new(&state))),
            (
                Screen::Settings,
                Box::new(settings::SettingsView::new(&state)),
            ),
        ];
        let state_position = state.ledger.history().position();
        ZhaoshangApp {
            period: period::PeriodPicker::new(&state),
            seen_version: state.ledger.data_version(),
            state,
            dark,
            screens,
            pipeline: pipeline::PipelineView::default(),
            move_prompt: None,
            editor: None,
            dialogs: dialogs::Dialogs::default(),
            trip: trip::TripWindow::default(),
            applied_dark: None,
            amount_unit: editor::DEFAULT_UNIT,
            unit_read: false,
            notice_step: None,
            history_position: state_position,
        }
    }

    /// The system's file dialog cannot open here (tests; a desktop without a portal is found
    /// out by the first dialog): files are chosen in the window's own picker.
    pub fn without_system_dialog(&mut self) {
        self.dialogs.without_system_dialog();
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
            database: self.state.ledger_file().map(|p| p.to_path_buf()),
            amount_unit: self.amount_unit,
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
        if self.state.repaint.is_none() {
            let ctx = ui.ctx().clone();
            self.state.repaint = Some(std::sync::Arc::new(move || ctx.request_repaint()));
        }
        self.state.prepare_frame();
        self.tell_data_changed();
        let mut actions = Actions::default();
        // While a move is being confirmed, undo waits: the prompt is about the project as it is.
        if self.move_prompt.is_none() {
            self.shortcuts(ui, &mut actions);
        }
        self.dialogs.poll(&mut actions);
        self.top_bar_ui(ui, &mut actions);
        self.navigation_ui(ui, &mut actions);
        let mut cx = ViewContext {
            state: &self.state,
            actions: &mut actions,
            editor: &mut self.editor,
            prompt: &mut self.move_prompt,
            dialogs: &mut self.dialogs,
            period: &mut self.period,
            dark: &mut self.dark,
        };
        let screen = self.state.screen;
        egui::CentralPanel::default().show(ui, |ui| {
            if screen == Screen::Pipeline {
                self.pipeline.ui(ui, &mut cx);
            } else if let Some((_, view)) = self.screens.iter_mut().find(|(s, _)| *s == screen) {
                view.ui(ui, &mut cx);
            }
        });
        let moved = self.overlays_ui(ui, &mut actions);
        self.state.apply_all(actions.0);
        if let Some((id, to)) = moved {
            self.pipeline.follow(id, to);
            if let Some(editor) = &mut self.editor
                && editor.project_id() == id
                && let Some(project) = self.state.project(id)
            {
                editor.sync_stage(&project);
            }
        }
        self.tell_data_changed();
    }

    /// Tells every view once when the ledger's data changed since it last looked.
    fn tell_data_changed(&mut self) {
        let version = self.state.ledger.data_version();
        if version == self.seen_version {
            return;
        }
        self.seen_version = version;
        self.follow_notice();
        // An editor on a project an undo (or another program) removed closes: saving it would
        // bring the project back and throw away the redo history.
        if let Some(editor) = &self.editor
            && !editor.is_new()
            && self.state.project(editor.project_id()).is_none()
        {
            self.editor = None;
        }
        for (_, view) in &mut self.screens {
            view.data_changed(&self.state);
        }
        self.pipeline.data_changed(&self.state);
    }

    /// A notice that came with a step (an import's "可撤销") goes when that step is undone.
    fn follow_notice(&mut self) {
        let position = self.state.ledger.history().position();
        let text = self.state.notice.as_ref().map(|n| n.text.clone());
        let same = matches!((&text, &self.notice_step), (Some(t), Some((bound, _))) if t == bound);
        if !same {
            self.notice_step = text
                .filter(|_| position > self.history_position)
                .map(|t| (t, position));
        }
        if let Some((_, at)) = &self.notice_step
            && position < *at
        {
            self.notice_step = None;
            self.state.apply(Action::DismissNotice);
        }
        self.history_position = position;
    }

    /// The windows over the screens: the move prompt, the editor, the first-run choice and the
    /// import. Returns the move the prompt made, for the board's selection to follow.
    fn overlays_ui(
        &mut self,
        ui: &mut egui::Ui,
        actions: &mut Actions,
    ) -> Option<(uuid::Uuid, crate::domain::Stage)> {
        // The prompt first: it takes Escape before the editor underneath sees it.
        let mut moved = None;
        if let Some(prompt) = &mut self.move_prompt {
            match prompt.show_ui(ui.ctx(), &self.state, actions) {
                pipeline::PromptOutcome::Open => {}
                pipeline::PromptOutcome::Closed => self.move_prompt = None,
                pipeline::PromptOutcome::Moved { id, to } => {
                    moved = Some((id, to));
                    self.move_prompt = None;
                }
            }
        }
        if let Some(editor) = &mut self.editor {
            editor.give_unit(self.amount_unit);
            let open = editor.show_ui(ui.ctx(), &self.state, actions);
            if let Some(unit) = editor.chosen_unit() {
                self.amount_unit = unit;
            }
            if !open {
                self.editor = None;
            } else if let Some(to) = editor.take_move_request()
                && let Some(project) = self.state.project(editor.project_id())
            {
                self.move_prompt = Some(pipeline::MovePrompt::new(&self.state, project, to));
            }
        }
        if self.state.show_first_run {
            first_run_ui(ui.ctx(), &self.state, actions);
        }
        if self.state.import.is_some() {
            import::import_window_ui(ui.ctx(), &self.state, &mut self.dialogs, actions);
        }
        (self.trip).show_ui(ui.ctx(), &self.state, &mut self.dialogs, actions);
        self.dialogs.picker_ui(ui.ctx(), &self.state, actions);
        import::dropped_files_ui(ui.ctx(), &self.state, &self.dialogs, actions);
        moved
    }

    fn shortcuts(&self, ui: &mut egui::Ui, actions: &mut Actions) {
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

    fn top_bar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        let state = &self.state;
        let dialogs = &mut self.dialogs;
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(state.t(T::AppTitle));
                if let Some(path) = state.ledger_file() {
                    ui.weak(path.display().to_string());
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if let Some(away) = state
                        .jobs
                        .store
                        .as_ref()
                        .filter(|j| j.is_undo() || j.is_redo())
                    {
                        ui.label(state.t(if away.is_undo() {
                            T::Undoing
                        } else {
                            T::Redoing
                        }));
                        ui.add(egui::Spinner::new());
                    }
                    if ui
                        .add_enabled(state.can_redo(), egui::Button::new(state.t(T::Redo)))
                        .on_hover_text(history_hover(state, false))
                        .clicked()
                    {
                        actions.push(Action::Redo);
                    }
                    if ui
                        .add_enabled(state.can_undo(), egui::Button::new(state.t(T::Undo)))
                        .on_hover_text(history_hover(state, true))
                        .clicked()
                    {
                        actions.push(Action::Undo);
                    }
                });
            });
            safety::marks_ui(ui, state, dialogs, actions);
            if let Some(notice) = &state.notice {
                ui.horizontal_top(|ui| {
                    let color = match notice.kind {
                        NoticeKind::Error => ui.visuals().error_fg_color,
                        NoticeKind::Info => ui.visuals().hyperlink_color,
                    };
                    // A long message (a refused file's) wraps, so 知道了 stays on screen.
                    let room = (ui.available_width() - 80.0).max(120.0);
                    ui.scope(|ui| {
                        ui.set_max_width(room);
                        ui.add(
                            egui::Label::new(egui::RichText::new(&notice.text).color(color)).wrap(),
                        );
                    });
                    if ui.small_button(state.t(T::Dismiss)).clicked() {
                        actions.push(Action::DismissNotice);
                    }
                });
            }
        });
    }

    fn navigation_ui(&self, ui: &mut egui::Ui, actions: &mut Actions) {
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
                        Screen::Sync => T::NavSync,
                        Screen::Agenda => T::NavAgenda,
                        Screen::Chain => T::NavChain,
                        Screen::Map => T::NavMap,
                        Screen::Companies => T::NavCompanies,
                    };
                    let selected = state.screen == screen;
                    let badge = state.sync.open_conflicts();
                    let badge = (screen == Screen::Sync && badge > 0).then_some(badge);
                    let width = ui.available_width() - if badge.is_some() { 32.0 } else { 0.0 };
                    ui.horizontal(|ui| {
                        let button = egui::Button::selectable(selected, state.t(label))
                            .min_size(egui::vec2(width, 32.0));
                        if ui.add(button).clicked() && !selected {
                            actions.push(Action::Navigate(screen));
                        }
                        if let Some(n) = badge {
                            sync::badge_ui(ui, state, n);
                        }
                    });
                }
            });
    }
}

/// What 撤销 (`undo`) or 重做 would do, and its shortcut: "撤销：移动 华康新能源… 在谈→签约".
fn history_hover(state: &AppState, undo: bool) -> String {
    use crate::app::history::StepSummary as S;
    let (key, what, shortcut) = if undo {
        (T::UndoWhat, true, "Ctrl+Z")
    } else {
        (T::RedoWhat, false, "Ctrl+Shift+Z")
    };
    let Some(summary) = state.ledger.history().next_summary(what) else {
        return shortcut.to_string();
    };
    // A long name is cut: the hover text is one line.
    let short = |name: &str| {
        let mut chars = name.chars();
        let head: String = chars.by_ref().take(8).collect();
        if chars.next().is_some() {
            format!("{head}…")
        } else {
            head
        }
    };
    let lang = state.lang;
    let text = match summary {
        S::Moved { name, from, to } => state
            .t(T::StepMoved)
            .replace("{name}", &short(&name))
            .replace("{from}", crate::i18n::stage_label(lang, from))
            .replace("{to}", crate::i18n::stage_label(lang, to)),
        S::Created(name) => state.t(T::StepCreated).replace("{name}", &short(&name)),
        S::Deleted(name) => state.t(T::StepDeleted).replace("{name}", &short(&name)),
        S::Edited(name) => state.t(T::StepEdited).replace("{name}", &short(&name)),
        S::Projects(n) => state.t(T::StepProjects).replace("{n}", &n.to_string()),
        S::Merge => state.t(T::StepMerge).to_string(),
        S::Resolved => state.t(T::StepResolved).to_string(),
        S::Folded => state.t(T::StepFolded).to_string(),
        S::Dismissed => state.t(T::StepDismissed).to_string(),
        S::Activities { count: 1, day } => {
            state.t(T::StepActivity).replace("{day}", &day.to_string())
        }
        S::Activities { count, .. } => state
            .t(T::StepActivities)
            .replace("{n}", &count.to_string()),
        S::Other => state.t(T::StepOther).to_string(),
    };
    format!("{} · {shortcut}", state.t(key).replace("{what}", &text))
}

/// On an empty ledger: load the demo zone, or start empty.
fn first_run_ui(ctx: &egui::Context, state: &AppState, actions: &mut Actions) {
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
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        if !self.unit_read {
            // The start-up reads the prefs it needs to open a ledger; the rest come here.
            self.unit_read = true;
            self.amount_unit = editor::known_unit(Self::load_prefs(frame.storage()).amount_unit);
        }
        self.ui_root(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs());
    }
}
