//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open;
//! the window's own picker where the system's dialog cannot open.

mod picker;

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use super::Actions;
use crate::app::map::MapMeasure;
use crate::app::{
    Action, AgendaAction, AppState, ChartsAction, CompanyAction, ImportAction, LedgerAction,
    MapAction, SettingsAction, SyncAction,
};
use crate::i18n::{Lang, T};
use crate::io::ExportForm;
use crate::report::charts::ChartKind;

use picker::Picked;
pub use picker::WindowPicker;

/// A system dialog that answers "nothing chosen" sooner than this never opened: no person
/// cancels a dialog that fast. Without xdg-desktop-portal it answers at once.
const NEVER_OPENED: Duration = Duration::from_millis(400);

/// What the chosen path is for.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Open,
    New,
    SaveCopy,
    /// A ledger spreadsheet to import.
    Import,
    /// Where to export the ledger (.xlsx or .csv), and the .xlsx's form.
    Export(ExportForm),
    /// Where to draw a chart, as PNG or SVG (the extension).
    Chart(ChartKind, &'static str),
    /// Where to draw 招商地图 (shaded by a measure), as PNG or SVG.
    Map(MapMeasure, &'static str),
    /// Where to write the review pack of (year, month).
    Pack((i32, u32)),
    /// Where to write a 同步包.
    SyncExport,
    /// A 同步包 to merge (previewed first).
    SyncOpen,
    /// 日程: a trip and visit register to import, and where to export the activities shown.
    RegisterImport,
    RegisterExport,
    /// 目标企业: a company file to import, and where to export the companies shown.
    CompaniesImport,
    CompaniesExport,
    /// 出差清单: where to write the list shown.
    TripExport,
}

impl Purpose {
    /// True when the dialog asks where to write, not which file to read.
    pub fn is_save(self) -> bool {
        !matches!(
            self,
            Purpose::Open
                | Purpose::Import
                | Purpose::SyncOpen
                | Purpose::RegisterImport
                | Purpose::CompaniesImport
        )
    }

    /// The kinds of file shown, by extension.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::Open | Purpose::New | Purpose::SaveCopy => &["db", "sqlite", "sqlite3"],
            Purpose::Import | Purpose::RegisterImport | Purpose::CompaniesImport => {
                IMPORT_EXTENSIONS
            }
            Purpose::CompaniesExport => &["xlsx", "csv"],
            Purpose::RegisterExport | Purpose::TripExport => &["xlsx"],
            Purpose::Export(_) => &["xlsx", "csv"],
            Purpose::Chart(_, "svg") => &["svg"],
            Purpose::Chart(..) => &["png"],
            Purpose::Map(_, "svg") => &["svg"],
            Purpose::Map(..) => &["png"],
            Purpose::Pack(_) => &["xlsx"],
            Purpose::SyncExport | Purpose::SyncOpen => &["zsync"],
        }
    }

    /// The system dialog's name for the kinds of file shown.
    fn filter_name(self) -> String {
        match self {
            Purpose::Open | Purpose::New | Purpose::SaveCopy => "Zhaoshang (*.db)".into(),
            Purpose::Import | Purpose::RegisterImport | Purpose::CompaniesImport => {
                "Excel / WPS / CSV".into()
            }
            Purpose::CompaniesExport => "Excel / CSV".into(),
            Purpose::RegisterExport | Purpose::TripExport => "XLSX".into(),
            Purpose::Export(_) => "Excel / CSV".into(),
            Purpose::Chart(_, extension) | Purpose::Map(_, extension) => extension.to_uppercase(),
            Purpose::Pack(_) => "XLSX".into(),
            Purpose::SyncExport | Purpose::SyncOpen => "同步包 (*.zsync)".into(),
        }
    }

    /// The name a new file is offered under.
    pub fn file_name(self) -> Option<String> {
        Some(match self {
            Purpose::New => "zhaoshang.db".into(),
            Purpose::SaveCopy => "zhaoshang-copy.db".into(),
            Purpose::Export(_) => "项目台账.xlsx".into(),
            Purpose::Chart(kind, extension) => format!("{}.{extension}", kind.title(Lang::Zh)),
            Purpose::Map(_, extension) => format!("{}.{extension}", Lang::Zh.t(T::NavMap)),
            Purpose::Pack((year, month)) => format!("{year}年{month}月月度点评.xlsx"),
            Purpose::SyncExport => "同步包.zsync".into(),
            Purpose::RegisterExport => "外出招商登记表.xlsx".into(),
            Purpose::TripExport => "出差清单.xlsx".into(),
            Purpose::CompaniesExport => "招商目标企业.xlsx".into(),
            Purpose::Open
            | Purpose::Import
            | Purpose::SyncOpen
            | Purpose::RegisterImport
            | Purpose::CompaniesImport => {
                return None;
            }
        })
    }

    /// What choosing `path` asks the app to do.
    fn action(self, path: PathBuf) -> Action {
        match self {
            Purpose::Open => Action::from(SettingsAction::OpenDatabase(path)),
            Purpose::New => SettingsAction::NewDatabase(path).into(),
            Purpose::SaveCopy => SettingsAction::SaveCopy(path).into(),
            Purpose::Import => ImportAction::Start(path, None).into(),
            Purpose::Export(ExportForm::Plain) => LedgerAction::Export(path).into(),
            Purpose::Export(form) => LedgerAction::ExportAs(path, form).into(),
            Purpose::Chart(kind, _) => ChartsAction::Export(kind, path).into(),
            Purpose::Map(measure, _) => MapAction::Export(measure, path).into(),
            Purpose::Pack(month) => ChartsAction::WritePack(month, path).into(),
            Purpose::SyncExport => SyncAction::Export(path).into(),
            Purpose::SyncOpen => SyncAction::OpenBundle(path).into(),
            Purpose::RegisterImport => AgendaAction::ImportRegister(path).into(),
            Purpose::RegisterExport => AgendaAction::ExportRegister(path).into(),
            Purpose::CompaniesImport => CompanyAction::Import(path).into(),
            Purpose::CompaniesExport => CompanyAction::Export(path).into(),
            Purpose::TripExport => crate::app::TripAction::Export(path).into(),
        }
    }
}

/// The files a ledger can be imported from (the import dialog's, and a file dropped on the
/// window).
pub const IMPORT_EXTENSIONS: &[&str] = &["xlsx", "xls", "xlsm", "ods", "csv", "txt"];

/// A system dialog on its thread: its purpose, when it was opened, and its answer to come.
type Pending = (Purpose, Instant, Receiver<Option<PathBuf>>);

#[derive(Default)]
pub struct Dialogs {
    pending: Option<Pending>,
    /// The window's own picker, open where the system's dialog could not.
    picker: Option<WindowPicker>,
    /// Set when the system's dialog is known not to open here: the window's picker at once.
    no_system_dialog: bool,
    /// The export's 台账格式（标题、单位、序号） box.
    pub ledger_form: bool,
}

impl Dialogs {
    pub fn is_open(&self) -> bool {
        self.pending.is_some() || self.picker.is_some()
    }

    /// Never tries the system's dialog (it cannot open here): the window's picker at once.
    pub fn without_system_dialog(&mut self) {
        self.no_system_dialog = true;
    }

    /// The window's picker, while one is open (for its window to be drawn).
    pub fn picker_ui(&mut self, ctx: &egui::Context, state: &AppState, actions: &mut Actions) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        match picker.show_ui(ctx, state) {
            Picked::Open => {}
            Picked::Cancelled => self.picker = None,
            Picked::Chosen(path) => {
                actions.push(picker.purpose.action(path));
                self.picker = None;
            }
        }
    }

    /// Opens a dialog on its own thread; the answer arrives in a later frame through
    /// [`Dialogs::poll`], and the thread asks for that frame to be drawn.
    pub fn start(&mut self, ctx: &egui::Context, purpose: Purpose, title: &str) {
        if self.is_open() {
            return;
        }
        if self.no_system_dialog {
            self.picker = Some(WindowPicker::new(purpose, None, T::PickerWhy));
            return;
        }
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let title = title.to_string();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if !title.is_empty() {
                dialog = dialog.set_title(&title);
            }
            dialog = dialog.add_filter(purpose.filter_name(), purpose.extensions());
            if let Some(name) = purpose.file_name() {
                dialog = dialog.set_file_name(name);
            }
            let path = if purpose.is_save() {
                dialog.save_file()
            } else {
                dialog.pick_file()
            };
            // The receiver may be gone if the window closed meanwhile: nothing to do then.
            let _ = sender.send(path);
            ctx.request_repaint();
        });
        self.pending = Some((purpose, Instant::now(), receiver));
    }

    pub fn poll(&mut self, actions: &mut Actions) {
        let Some((purpose, opened, receiver)) = &self.pending else {
            return;
        };
        let (purpose, opened) = (*purpose, *opened);
        match receiver.try_recv() {
            Ok(Some(path)) => {
                actions.push(purpose.action(path));
                self.pending = None;
            }
            Ok(None) => {
                self.pending = None;
                if never_opened(opened.elapsed()) {
                    // Say why, and do not try the system's dialog again this session.
                    self.no_system_dialog = true;
                    self.picker = Some(WindowPicker::new(purpose, None, T::PickerWhy));
                }
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }
}

/// True when a dialog that chose nothing answered too soon to have been shown.
fn never_opened(answered_after: Duration) -> bool {
    answered_after < NEVER_OPENED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_at_once_means_the_dialog_never_opened() {
        assert!(never_opened(Duration::from_millis(3)));
        assert!(!never_opened(Duration::from_secs(2)), "a person cancelled");
    }

    #[test]
    fn each_purpose_lists_its_kinds_of_file() {
        assert!(Purpose::Import.extensions().contains(&"xlsx"));
        assert!(!Purpose::Import.is_save());
        assert!(Purpose::Export(ExportForm::Plain).is_save());
        assert_eq!(
            Purpose::Pack((2025, 6)).file_name().as_deref(),
            Some("2025年6月月度点评.xlsx")
        );
    }
}
