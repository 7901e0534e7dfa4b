//! The project editor: every field, amounts typed as officers write them, inline messages, and
//! a warning when the project seems to exist already.

use super::Actions;
use crate::app::AppState;
use crate::app::EditAction;
use crate::domain::credit_code;
use crate::domain::money::{Currency, WAN, YI, parse_amount};
use crate::domain::pipeline::StageMove;
use crate::domain::project::ProjectProblem;
use crate::domain::query::DuplicateHint;
use crate::domain::{CapitalType, Ownership, Project, Stage};
use crate::i18n::{T, amount_error_text, stage_label};

use super::widgets::field_error_ui;

mod amount;
mod checks;
mod dates;
mod links;
mod timeline;

use amount::{exact, exact_step};
pub use checks::{DEFAULT_UNIT, known_unit};
use dates::{DateText, date_field_ui};

/// The most height 备注 takes before it scrolls inside (about seven lines).
const NOTES_HEIGHT: f32 = 140.0;

/// Which field a message belongs to, so it is shown under that field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Name,
    CreditCode,
    Amount,
    Land,
    Output,
    Tax,
    Jobs,
    StageDates,
}

/// An open editor: a working copy and the text the user typed into number fields.
pub struct EditorState {
    project: Project,
    is_new: bool,
    amount: String,
    amount_scale: i64,
    currency: Currency,
    land: String,
    output_wan: String,
    tax_wan: String,
    jobs: String,
    tags: String,
    errors: Vec<(Field, String)>,
    /// Duplicate hints and the (name, company, credit code) they were computed for.
    duplicates: (String, Vec<DuplicateHint>),
    confirm_delete: bool,
    /// A stage move asked for from the editor; the window opens the move prompt for it.
    move_request: Option<Stage>,
    /// The stored move history and the data version it was read at.
    moves: (u64, Vec<StageMove>),
    /// The project's activities as the timeline shows them, (day, words), read once a data version.
    activities: (u64, Vec<(chrono::NaiveDate, String)>),
    /// Everything as it was when the editor opened, to tell whether closing loses an edit.
    pristine: String,
    /// Closing was asked for while there are unsaved edits: the editor asks first.
    confirm_discard: bool,
    /// 保存 was pressed on a project with warnings: the project, the warnings and the draft
    /// they are about, until the user saves anyway, goes back, or edits again.
    confirm_save: Option<(Box<Project>, Vec<String>, String)>,
    /// The typed text of each stage's date (in `Stage::ALL` order) and of 下一步截止.
    stage_dates: Vec<DateText>,
    due: DateText,
    /// False until the window gave the editor the unit this user works in.
    unit_given: bool,
    /// True once the user chose a unit here: the window remembers it for the next project.
    unit_chosen: bool,
    /// The draft the shown messages were made for: once the user types, they are made again,
    /// so a message goes as soon as its field reads.
    checked: Option<String>,
    /// 产业链环节: the links chosen, saved with the project.
    links: links::LinksEditor,
}

impl EditorState {
    pub fn new_project(state: &AppState) -> EditorState {
        let mut project = Project::new("");
        project.set_stage_date(Stage::Lead, Some(state.today));
        Self::open(project, true, links::LinksEditor::load(state, None))
    }

    pub fn edit(state: &AppState, project: Project) -> EditorState {
        let links = links::LinksEditor::load(state, Some(project.id));
        Self::open(project, false, links)
    }

    fn open(project: Project, is_new: bool, links: links::LinksEditor) -> EditorState {
        let (amount, amount_scale, currency) = match project.investment {
            // Amounts show in 亿 when they divide exactly, else in 万, else in units.
            Some(m) if m.units % exact_step(YI) == 0 => (exact(Some(m.units), YI), YI, m.currency),
            Some(m) if m.units % exact_step(WAN) == 0 => {
                (exact(Some(m.units), WAN), WAN, m.currency)
            }
            Some(m) => (m.units.to_string(), 1, m.currency),
            None => (String::new(), DEFAULT_UNIT, Currency::Cny),
        };
        let stage_dates: Vec<DateText> = Stage::ALL
            .iter()
            .map(|s| DateText::new(project.stage_date(*s)))
            .collect();
        let due = DateText::new(project.next_step_due);
        let mut editor = EditorState {
            amount,
            amount_scale,
            currency,
            land: exact(project.land_centi_mu, 100),
            output_wan: exact(project.annual_output_cny, WAN),
            tax_wan: exact(project.annual_tax_cny, WAN),
            jobs: project.jobs.map(|j| j.to_string()).unwrap_or_default(),
            tags: project.tags.join("，"),
            project,
            is_new,
            errors: Vec::new(),
            duplicates: (String::new(), Vec::new()),
            confirm_delete: false,
            move_request: None,
            moves: (u64::MAX, Vec::new()),
            activities: (u64::MAX, Vec::new()),
            pristine: String::new(),
            confirm_discard: false,
            confirm_save: None,
            stage_dates,
            due,
            unit_given: false,
            unit_chosen: false,
            checked: None,
            links,
        };
        editor.pristine = editor.draft();
        editor
    }

    /// The working copy and every text typed, as one string: equal to [`EditorState::pristine`]
    /// while nothing was edited.
    fn draft(&self) -> String {
        let dates: Vec<&str> = self
            .stage_dates
            .iter()
            .chain([&self.due])
            .map(|d| d.text.as_str())
            .collect();
        format!(
            "{:?}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}",
            self.project,
            self.amount,
            self.amount_scale,
            self.currency,
            self.land,
            self.output_wan,
            self.tax_wan,
            self.jobs,
            self.tags,
            dates,
            self.links.links
        )
    }

    /// 保存: the project, with its links in the same step when they were changed.
    fn save_action(&self, project: Project) -> EditAction {
        if self.links.changed() {
            EditAction::SaveProjectLinks(Box::new(project), self.links.links.clone())
        } else {
            EditAction::SaveProject(Box::new(project))
        }
    }

    /// True when closing now would lose something typed.
    fn has_unsaved_edits(&self) -> bool {
        self.draft() != self.pristine
    }

    pub fn project_id(&self) -> uuid::Uuid {
        self.project.id
    }

    /// True for a project not saved yet.
    pub fn is_new(&self) -> bool {
        self.is_new
    }

    /// The stage the user asked to move to from the editor, once.
    pub fn take_move_request(&mut self) -> Option<Stage> {
        self.move_request.take()
    }

    /// After a move made from the editor: take the stored stage and dates, keep other edits.
    pub fn sync_stage(&mut self, stored: &Project) {
        self.project.stage = stored.stage;
        self.project.stage_dates = stored.stage_dates;
        for (text, s) in self.stage_dates.iter_mut().zip(Stage::ALL) {
            *text = DateText::new(stored.stage_date(s));
        }
    }

    /// Reads the typed fields into the project; collects every message instead of stopping at
    /// the first, so the user sees all that needs fixing at once.
    fn collect(&mut self, state: &AppState) -> Option<Project> {
        let lang = state.lang;
        self.errors.clear();
        let mut p = self.project.clone();
        p.investment = if self.amount.trim().is_empty() {
            None
        } else {
            match parse_amount(&self.amount, self.amount_scale, self.currency) {
                Ok(parsed) => Some(parsed.money),
                Err(e) => {
                    self.errors
                        .push((Field::Amount, amount_error_text(lang, &e)));
                    None
                }
            }
        };
        let mut quantity = |text: &str, scale: i64, field: Field| -> Option<i64> {
            if text.trim().is_empty() {
                return None;
            }
            match parse_amount(text, scale, Currency::Cny) {
                Ok(parsed) if parsed.money.currency == Currency::Cny => Some(parsed.money.units),
                Ok(_) => {
                    self.errors
                        .push((field, lang.t(T::ErrNotANumber).to_string()));
                    None
                }
                Err(e) => {
                    self.errors.push((field, amount_error_text(lang, &e)));
                    None
                }
            }
        };
        p.land_centi_mu = quantity(&self.land.clone(), 100, Field::Land);
        p.annual_output_cny = quantity(&self.output_wan.clone(), WAN, Field::Output);
        p.annual_tax_cny = quantity(&self.tax_wan.clone(), WAN, Field::Tax);
        p.jobs = quantity(&self.jobs.clone(), 1, Field::Jobs);
        p.tags = self
            .tags
            .split([',', '，', '、', ';', '；'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        p.credit_code = p.credit_code.trim().to_ascii_uppercase();
        let typed = self
            .stage_dates
            .iter()
            .zip(Stage::ALL.map(|s| stage_label(lang, s)));
        for (date, name) in typed.chain([(&self.due, lang.t(T::Due))]) {
            if date.parsed().is_err() {
                let text = lang
                    .t(T::EdBadDate)
                    .replace("{field}", name)
                    .replace("{text}", date.text.trim());
                self.errors.push((Field::StageDates, text));
            }
        }
        for problem in p.validate() {
            let (field, text) = match problem {
                ProjectProblem::NameMissing => (Field::Name, lang.t(T::ErrNameMissing).to_string()),
                ProjectProblem::CreditCode(e) => (Field::CreditCode, credit_error_text(state, &e)),
                ProjectProblem::StageDatesOutOfOrder(a, b) => (
                    Field::StageDates,
                    lang.t(T::ErrStageOrder)
                        .replace("{a}", stage_label(lang, a))
                        .replace("{b}", stage_label(lang, b)),
                ),
            };
            self.errors.push((field, text));
        }
        self.checked = Some(self.draft());
        self.errors.is_empty().then_some(p)
    }

    /// Once messages are shown, they follow what the user types: each goes as soon as its
    /// field reads, and a new slip shows at once.
    fn recheck(&mut self, state: &AppState) {
        if self.errors.is_empty() {
            return;
        }
        let draft = self.draft();
        if self.checked.as_ref() != Some(&draft) {
            self.collect(state);
        }
    }

    /// Draws the editor window; returns false once it is closed.
    pub fn show_ui(
        &mut self,
        ctx: &egui::Context,
        state: &AppState,
        actions: &mut Actions,
    ) -> bool {
        let mut open = true;
        let mut close = false;
        let mut close_asked = false;
        let title = if self.is_new {
            state.t(T::NewProject)
        } else {
            state.t(T::EditProject)
        };
        egui::Window::new(title)
            .id(egui::Id::unique("project_editor"))
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_size([720.0, 620.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(ctx.content_rect().height() - 160.0)
                    .show(ui, |ui| self.fields_ui(ui, state));
                ui.separator();
                self.duplicates_ui(ui, state);
                ui.horizontal(|ui| {
                    if ui.button(state.t(T::Save)).clicked()
                        && let Some(project) = self.collect(state)
                    {
                        let warnings = checks::save_warnings(state, &project);
                        if warnings.is_empty() {
                            actions.push(self.save_action(project));
                            close = true;
                        } else {
                            let draft = self.draft();
                            self.confirm_save = Some((Box::new(project), warnings, draft));
                        }
                    }
                    if ui.button(state.t(T::Cancel)).clicked() {
                        close_asked = true;
                    }
                    if !self.is_new {
                        if self.confirm_delete {
                            ui.colored_label(ui.visuals().warn_fg_color, state.t(T::ConfirmDelete));
                            if ui.button(state.t(T::Delete)).clicked() {
                                actions.push(EditAction::DeleteProject(self.project.id));
                                close = true;
                            }
                        } else if ui.button(state.t(T::Delete)).clicked() {
                            self.confirm_delete = true;
                        }
                    }
                    if !self.errors.is_empty() {
                        field_error_ui(ui, state.t(T::FixErrors));
                    }
                });
                if let Some(project) = self.confirm_save_ui(ui, state) {
                    actions.push(self.save_action(project));
                    close = true;
                }
                if self.confirm_discard {
                    close |= self.discard_question_ui(ui, state);
                }
            });
        self.recheck(state);
        // An edit after the question makes it stale: 保存 asks again about what is there now.
        if self
            .confirm_save
            .as_ref()
            .is_some_and(|(_, _, draft)| *draft != self.draft())
        {
            self.confirm_save = None;
        }
        // Escape and the title bar's ✖ close like 取消: at once when nothing was typed, after
        // asking when something was. Escape while asking means "keep editing".
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if escape && self.confirm_save.is_some() {
            self.confirm_save = None;
        } else if escape && self.confirm_discard {
            self.confirm_discard = false;
        } else if escape || !open || close_asked {
            if self.has_unsaved_edits() {
                self.confirm_discard = true;
            } else {
                close = true;
            }
        }
        !close
    }

    /// 放弃修改？ with its two answers; true when the user chose to discard.
    fn discard_question_ui(&mut self, ui: &mut egui::Ui, state: &AppState) -> bool {
        let mut discard = false;
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, state.t(T::DiscardEdits));
            if ui.button(state.t(T::DiscardYes)).clicked() {
                discard = true;
            }
            if ui.button(state.t(T::KeepEditing)).clicked() {
                self.confirm_discard = false;
            }
        });
        discard
    }

    fn duplicates_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &self.project;
        let key = format!(
            "{}\u{1f}{}\u{1f}{}",
            p.name.trim(),
            p.company.trim(),
            p.credit_code.trim()
        );
        if key != self.duplicates.0 {
            // Only when the identifying fields change: the check reads the store.
            self.duplicates = (key, state.duplicates_of(&self.project));
        }
        for hint in &self.duplicates.1 {
            let (label, name) = match hint {
                DuplicateHint::SameCreditCode { name, .. } => (T::DupCreditCode, name),
                DuplicateHint::SameCompany { name, .. } => (T::DupCompany, name),
                DuplicateHint::SimilarName { name, .. } => (T::DupSimilarName, name),
            };
            checks::warning_ui(ui, &format!("{}: {name}", state.t(label)));
        }
    }

    /// Every field, in one two-column grid; each group of rows is a function of its own.
    fn fields_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        egui::Grid::new("editor_grid")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .striped(false)
            .show(ui, |ui| {
                self.identity_rows_ui(ui, state);
                self.amount_rows_ui(ui, state);
                self.origin_rows_ui(ui, state);
                self.stage_rows_ui(ui, state);
                self.people_rows_ui(ui, state);
                self.figures_rows_ui(ui, state);
                self.notes_rows_ui(ui, state);
            });
        self.links.ui(ui, state);
        self.notes_ui(ui, state);
        if !self.is_new {
            history_ui(ui, state, self.project.id);
        }
    }

    /// 备注 under the grid, as high as a few lines at most: a long text scrolls inside its
    /// box, so the other fields stay in view.
    fn notes_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let label = ui.label(state.t(T::Notes));
        egui::ScrollArea::vertical()
            .id_salt("editor_notes")
            .max_height(NOTES_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.add(
                    egui::TextEdit::multiline(&mut self.project.notes)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            });
    }

    /// Name, investor, credit code, industry and chain link.
    fn identity_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let label = ui.label(state.t(T::ProjectName));
        ui.vertical(|ui| {
            ui.add(egui::TextEdit::singleline(&mut p.name).desired_width(420.0))
                .labelled_by(label.id);
            for e in self.errors.iter().filter(|(f, _)| *f == Field::Name) {
                field_error_ui(ui, &e.1);
            }
        });
        ui.end_row();

        let label = ui.label(state.t(T::Company));
        ui.add(egui::TextEdit::singleline(&mut p.company).desired_width(420.0))
            .labelled_by(label.id);
        ui.end_row();

        let label = ui.label(state.t(T::CreditCode));
        ui.vertical(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut p.credit_code)
                    .desired_width(200.0)
                    .char_limit(24),
            )
            .labelled_by(label.id);
            for e in self.errors.iter().filter(|(f, _)| *f == Field::CreditCode) {
                field_error_ui(ui, &e.1);
            }
        });
        ui.end_row();

        let label = ui.label(state.t(T::Industry));
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("editor_industry")
                .selected_text(p.industry.as_str())
                .show_ui(ui, |ui| {
                    for name in &state.ledger.industries {
                        ui.selectable_value(&mut p.industry, name.clone(), name);
                    }
                })
                .response
                .labelled_by(label.id);
            let link = ui.label(state.t(T::ChainLink));
            ui.add(egui::TextEdit::singleline(&mut p.chain_link).desired_width(160.0))
                .labelled_by(link.id);
        });
        ui.end_row();
    }

    /// Where the investor comes from, capital and ownership, headquarters.
    fn origin_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let lang = state.lang;
        let label = ui.label(state.t(T::Origin));
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut p.origin)
                    .hint_text("苏州 / 德国慕尼黑")
                    .desired_width(160.0),
            )
            .labelled_by(label.id);
            match p.origin_place() {
                Some(place) => ui.weak(format!(
                    "→ {} · {}",
                    place.label(),
                    lang.region_label(place.region)
                )),
                None if !p.origin.trim().is_empty() => {
                    ui.colored_label(ui.visuals().warn_fg_color, state.t(T::OriginUnknown))
                }
                None => ui.weak(""),
            };
        });
        ui.end_row();

        ui.label(state.t(T::CapitalType));
        ui.horizontal(|ui| {
            ui.selectable_value(&mut p.capital_type, None, "—");
            for c in CapitalType::ALL {
                ui.selectable_value(&mut p.capital_type, Some(c), lang.capital_label(c));
            }
            ui.separator();
            ui.label(state.t(T::Ownership));
            ui.selectable_value(&mut p.ownership, None, "—");
            for o in Ownership::ALL {
                ui.selectable_value(&mut p.ownership, Some(o), lang.ownership_label(o));
            }
        });
        ui.end_row();

        ui.label(state.t(T::Headquarters));
        ui.checkbox(&mut p.is_headquarters, state.t(T::HeadquartersYes));
        ui.end_row();
    }

    /// The stage (a saved project moves through the prompt), the stage dates, the timeline.
    fn stage_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let lang = state.lang;
        let today = state.today;
        ui.label(state.t(T::Stage));
        ui.horizontal(|ui| {
            for s in Stage::ALL {
                if ui
                    .selectable_label(p.stage == s, stage_label(lang, s))
                    .clicked()
                    && p.stage != s
                {
                    if self.is_new {
                        p.stage = s;
                        if p.stage_date(s).is_none() {
                            p.set_stage_date(s, Some(today));
                        }
                    } else {
                        // A saved project moves through the prompt, so the move is
                        // dated and recorded like one made on the board.
                        self.move_request = Some(s);
                    }
                }
            }
        });
        ui.end_row();

        ui.label(state.t(T::StageDates));
        ui.vertical(|ui| {
            egui::Grid::new("stage_dates")
                .num_columns(4)
                .show(ui, |ui| {
                    for (i, s) in Stage::ALL.into_iter().enumerate() {
                        let name = stage_label(lang, s);
                        ui.label(name);
                        ui.horizontal(|ui| {
                            let mut date = p.stage_date(s);
                            let text = &mut self.stage_dates[i];
                            if date_field_ui(ui, s.code(), name, text, &mut date, today, lang) {
                                p.set_stage_date(s, date);
                            }
                        });
                        if i % 2 == 1 {
                            ui.end_row();
                        }
                    }
                });
            for e in self.errors.iter().filter(|(f, _)| *f == Field::StageDates) {
                field_error_ui(ui, &e.1);
            }
            for w in checks::date_warnings(state, p) {
                checks::warning_ui(ui, &w);
            }
        });
        ui.end_row();

        ui.label(state.t(T::Timeline));
        ui.vertical(|ui| self.timeline_ui(ui, state));
        ui.end_row();
    }

    /// The team and the officer in charge.
    fn people_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let team_label = ui.label(state.t(T::Team));
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("editor_team")
                .selected_text(state.ledger.team_name(p.team_id))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut p.team_id, None, "—");
                    for team in &state.ledger.teams {
                        ui.selectable_value(&mut p.team_id, Some(team.id), &team.name);
                    }
                })
                .response
                .labelled_by(team_label.id);
            let officer_label = ui.label(state.t(T::Officer));
            egui::ComboBox::from_id_salt("editor_officer")
                .selected_text(state.ledger.officer_name(p.officer_id))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut p.officer_id, None, "—");
                    for officer in state
                        .ledger
                        .officers
                        .iter()
                        .filter(|o| p.team_id.is_none_or(|t| t == o.team_id))
                    {
                        ui.selectable_value(&mut p.officer_id, Some(officer.id), &officer.name);
                    }
                })
                .response
                .labelled_by(officer_label.id);
        });
        ui.end_row();
    }

    /// Land, output, tax and jobs, as typed.
    fn figures_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let number_fields = [
            (T::LandMu, &mut self.land, Field::Land),
            (T::AnnualOutputWan, &mut self.output_wan, Field::Output),
            (T::AnnualTaxWan, &mut self.tax_wan, Field::Tax),
            (T::Jobs, &mut self.jobs, Field::Jobs),
        ];
        for (label, text, field) in number_fields {
            let label = ui.label(state.t(label));
            ui.vertical(|ui| {
                ui.add(egui::TextEdit::singleline(text).desired_width(120.0))
                    .labelled_by(label.id);
                for e in self.errors.iter().filter(|(f, _)| *f == field) {
                    field_error_ui(ui, &e.1);
                }
            });
            ui.end_row();
        }
    }

    /// Next step and its due date, tags, notes.
    fn notes_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let lang = state.lang;
        let today = state.today;
        let label = ui.label(state.t(T::NextStep));
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut p.next_step).desired_width(260.0))
                .labelled_by(label.id);
            let due = state.t(T::Due);
            ui.label(due);
            date_field_ui(
                ui,
                "next_step_due",
                due,
                &mut self.due,
                &mut p.next_step_due,
                today,
                lang,
            );
        });
        ui.end_row();

        let label = ui.label(state.t(T::Tags));
        ui.add(
            egui::TextEdit::singleline(&mut self.tags)
                .hint_text(state.t(T::TagsHint))
                .desired_width(420.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }
}

fn credit_error_text(state: &AppState, e: &credit_code::CreditCodeError) -> String {
    match e {
        credit_code::CreditCodeError::Length(n) => {
            state.t(T::ErrCreditLength).replace("{n}", &n.to_string())
        }
        credit_code::CreditCodeError::Character(c, pos) => state
            .t(T::ErrCreditChar)
            .replace("{c}", &c.to_string())
            .replace("{pos}", &pos.to_string()),
        credit_code::CreditCodeError::CheckDigit { expected, found } => state
            .t(T::ErrCreditCheck)
            .replace("{expected}", &expected.to_string())
            .replace("{found}", &found.to_string()),
    }
}

/// 变更记录: every field change of the project the log holds, who made it, when and from which
/// file, newest first; collapsed until asked for (and read only while open).
fn history_ui(ui: &mut egui::Ui, state: &AppState, project: uuid::Uuid) {
    egui::CollapsingHeader::new(state.t(T::SyncHistory))
        .id_salt("editor_history")
        .default_open(false)
        .show(ui, |ui| {
            let lines = state.project_history(project);
            if lines.is_empty() {
                ui.weak(state.t(T::SyncHistoryEmpty));
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("editor_history_lines")
                .max_height(NOTES_HEIGHT)
                .show(ui, |ui| {
                    for line in &lines {
                        ui.horizontal_wrapped(|ui| {
                            ui.weak(&line.when);
                            ui.weak(&line.who);
                            ui.label(&line.what);
                        });
                    }
                });
        });
}
