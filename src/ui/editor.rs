//! The project editor: every field, amounts typed as officers write them, inline messages, and
//! a warning when the project seems to exist already.

use super::Actions;
use crate::app::AppState;
use crate::app::EditAction;
use crate::domain::credit_code;
use crate::domain::money::{self, Currency, WAN, YI, parse_amount};
use crate::domain::pipeline::{self as rules, StageMove};
use crate::domain::project::ProjectProblem;
use crate::domain::query::DuplicateHint;
use crate::domain::{CapitalType, Ownership, Project, Stage};
use crate::i18n::{T, amount_error_text, stage_label};

use super::widgets::{field_error_ui, optional_date_ui};

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
    /// Everything as it was when the editor opened, to tell whether closing loses an edit.
    pristine: String,
    /// Closing was asked for while there are unsaved edits: the editor asks first.
    confirm_discard: bool,
}

fn exact(units: Option<i64>, scale: i64) -> String {
    units
        .map(|u| {
            let whole = u / scale;
            let frac = (u % scale).abs();
            if frac == 0 {
                whole.to_string()
            } else {
                let width = scale.ilog10() as usize;
                format!(
                    "{whole}.{}",
                    format!("{frac:0width$}").trim_end_matches('0')
                )
            }
        })
        .unwrap_or_default()
}

impl EditorState {
    pub fn new_project(state: &AppState) -> EditorState {
        let mut project = Project::new("");
        project.set_stage_date(Stage::Lead, Some(state.today));
        Self::open(project, true)
    }

    pub fn edit(_state: &AppState, project: Project) -> EditorState {
        Self::open(project, false)
    }

    fn open(project: Project, is_new: bool) -> EditorState {
        let (amount, amount_scale, currency) = match project.investment {
            // Amounts show in 亿 when they divide exactly, else in 万, else in units.
            Some(m) if m.units % (YI / 10_000) == 0 => (exact(Some(m.units), YI), YI, m.currency),
            Some(m) if m.units % (WAN / 100) == 0 => (exact(Some(m.units), WAN), WAN, m.currency),
            Some(m) => (m.units.to_string(), 1, m.currency),
            None => (String::new(), YI, Currency::Cny),
        };
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
            pristine: String::new(),
            confirm_discard: false,
        };
        editor.pristine = editor.draft();
        editor
    }

    /// The working copy and every text typed, as one string: equal to [`EditorState::pristine`]
    /// while nothing was edited.
    fn draft(&self) -> String {
        format!(
            "{:?}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.project,
            self.amount,
            self.amount_scale,
            self.currency,
            self.land,
            self.output_wan,
            self.tax_wan,
            self.jobs,
            self.tags
        )
    }

    /// True when closing now would lose something typed.
    fn has_unsaved_edits(&self) -> bool {
        self.draft() != self.pristine
    }

    pub fn project_id(&self) -> uuid::Uuid {
        self.project.id
    }

    /// The stage the user asked to move to from the editor, once.
    pub fn take_move_request(&mut self) -> Option<Stage> {
        self.move_request.take()
    }

    /// After a move made from the editor: take the stored stage and dates, keep other edits.
    pub fn sync_stage(&mut self, stored: &Project) {
        self.project.stage = stored.stage;
        self.project.stage_dates = stored.stage_dates;
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
        self.errors.is_empty().then_some(p)
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
                        actions.push(EditAction::SaveProject(Box::new(project)));
                        close = true;
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
                if self.confirm_discard {
                    close |= self.discard_question_ui(ui, state);
                }
            });
        // Escape and the title bar's ✖ close like 取消: at once when nothing was typed, after
        // asking when something was. Escape while asking means "keep editing".
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if escape && self.confirm_discard {
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
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("⚠ {}: {name}", state.t(label)),
            );
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

    /// The investment as typed, its unit and currency, and its CNY equivalent.
    fn amount_rows_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let p = &mut self.project;
        let today = state.today;
        let label = ui.label(state.t(T::Investment));
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                ui.add(
                    egui::TextEdit::singleline(&mut self.amount)
                        .hint_text("378.6 / 3000万欧元")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
                egui::ComboBox::from_id_salt("editor_scale")
                    .width(60.0)
                    .selected_text(scale_label(self.amount_scale))
                    .show_ui(ui, |ui| {
                        for s in [YI, WAN, 1] {
                            ui.selectable_value(&mut self.amount_scale, s, scale_label(s));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                egui::ComboBox::from_id_salt("editor_currency")
                    .width(70.0)
                    .selected_text(self.currency.unit_zh())
                    .show_ui(ui, |ui| {
                        for c in Currency::ALL {
                            ui.selectable_value(&mut self.currency, c, c.unit_zh());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if let Ok(parsed) = parse_amount(&self.amount, self.amount_scale, self.currency)
                    && let Some(cny) = state
                        .ledger
                        .rates
                        .to_cny(parsed.money, p.signed_date().unwrap_or(today))
                {
                    ui.weak(format!(
                        "≈ {} {}",
                        money::yi_rounded(cny, 2),
                        state.t(T::YiYuan)
                    ));
                }
            });
            for e in self.errors.iter().filter(|(f, _)| *f == Field::Amount) {
                field_error_ui(ui, &e.1);
            }
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
                        ui.label(stage_label(lang, s));
                        ui.horizontal(|ui| {
                            let mut date = p.stage_date(s);
                            if optional_date_ui(ui, s.code(), &mut date, today, lang) {
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
            ui.label(state.t(T::Due));
            optional_date_ui(ui, "next_step_due", &mut p.next_step_due, today, lang);
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

        let label = ui.label(state.t(T::Notes));
        ui.add(
            egui::TextEdit::multiline(&mut p.notes)
                .desired_rows(3)
                .desired_width(420.0),
        )
        .labelled_by(label.id);
        ui.end_row();
    }
}

impl EditorState {
    /// 阶段进程: days between the dated stages, days in the current one, a way to move the
    /// stage (through the same prompt as the board), and the recorded moves.
    fn timeline_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let lang = state.lang;
        let p = &self.project;
        let steps = rules::timeline(p);
        ui.horizontal_wrapped(|ui| {
            for (from, to, days) in &steps {
                ui.label(
                    state
                        .t(T::TimelineStep)
                        .replace("{from}", stage_label(lang, *from))
                        .replace("{to}", stage_label(lang, *to))
                        .replace("{days}", &days.to_string()),
                );
                ui.weak("·");
            }
            if let Some(date) = p.stage_date(p.stage) {
                ui.label(
                    state
                        .t(T::InStageNow)
                        .replace("{stage}", stage_label(lang, p.stage))
                        .replace(
                            "{days}",
                            &(state.today - date).num_days().max(0).to_string(),
                        ),
                );
            }
        });
        if self.is_new {
            return;
        }
        ui.horizontal(|ui| {
            ui.menu_button(state.t(T::MoveStageButton), |ui| {
                for to in Stage::ALL.into_iter().filter(|s| *s != p.stage) {
                    if ui.button(format!("→ {}", stage_label(lang, to))).clicked() {
                        self.move_request = Some(to);
                    }
                }
            });
        });
        if self.moves.0 != state.ledger.data_version() {
            self.moves = (state.ledger.data_version(), state.stage_moves(p.id));
        }
        egui::CollapsingHeader::new(format!(
            "{} ({})",
            state.t(T::MoveHistory),
            self.moves.1.len()
        ))
        .id_salt("editor_moves")
        .show(ui, |ui| {
            if self.moves.1.is_empty() {
                ui.weak(state.t(T::NoMoves));
            }
            for m in &self.moves.1 {
                let mut text = format!(
                    "{}  {} → {}",
                    m.date.format("%Y-%m-%d"),
                    stage_label(lang, m.from),
                    stage_label(lang, m.to)
                );
                if !m.who.is_empty() {
                    text.push_str(&format!(" · {}", m.who));
                }
                if !m.reason.is_empty() {
                    text.push_str(&format!(" · {}", m.reason));
                }
                ui.label(text);
            }
        });
    }
}

fn scale_label(scale: i64) -> &'static str {
    match scale {
        YI => "亿",
        WAN => "万",
        _ => "—",
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
