//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use super::Actions;
use crate::app::{Action, ChartsAction, ImportAction, LedgerAction, SettingsAction, SyncAction};
use crate::i18n::Lang;
use crate::report::charts::ChartKind;

/// What the chosen path is for.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Open,
    New,
    SaveCopy,
    /// A ledger spreadsheet to import.
    Import,
    /// Where to export the ledger (.xlsx or .csv).
    Export,
    /// Where to draw a chart, as PNG or SVG (the extension).
    Chart(ChartKind, &'static str),
    /// Where to write the review pack of (year, month).
    Pack((i32, u32)),
    /// Where to write a 同步包.
    SyncExport,
    /// A 同步包 to merge (previewed first).
    SyncOpen,
}

#[derive(Default)]
pub struct Dialogs {
    pending: Option<(Purpose, Receiver<Option<PathBuf>>)>,
}

impl Dialogs {
    pub fn is_open(&self) -> bool {
        self.pending.is_some()
    }

    /// Opens a dialog on its own thread; the answer arrives in a later frame through
    /// [`Dialogs::poll`], and the thread asks for that frame to be drawn.
    pub fn start(&mut self, ctx: &egui::Context, purpose: Purpose, title: &str) {
        if self.is_open() {
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
            let database =
                |d: rfd::FileDialog| d.add_filter("Zhaoshang (*.db)", &["db", "sqlite", "sqlite3"]);
            let path = match purpose {
                Purpose::Open => database(dialog).pick_file(),
                Purpose::New => database(dialog).set_file_name("zhaoshang.db").save_file(),
                Purpose::SaveCopy => database(dialog)
                    .set_file_name("zhaoshang-copy.db")
                    .save_file(),
                Purpose::Import => dialog
                    .add_filter(
                        "Excel / WPS / CSV",
                        &["xlsx", "xls", "xlsm", "ods", "csv", "txt"],
                    )
                    .pick_file(),
                Purpose::Export => dialog
                    .add_filter("Excel (*.xlsx)", &["xlsx"])
                    .add_filter("CSV (*.csv)", &["csv"])
                    .set_file_name("项目台账.xlsx")
                    .save_file(),
                Purpose::Chart(kind, extension) => dialog
                    .add_filter(extension.to_uppercase(), &[extension])
                    .set_file_name(format!("{}.{extension}", kind.title(Lang::Zh)))
                    .save_file(),
                Purpose::Pack((year, month)) => dialog
                    .add_filter("XLSX", &["xlsx"])
                    .set_file_name(format!("{year}年{month}月月度点评.xlsx"))
                    .save_file(),
                Purpose::SyncExport => dialog
                    .add_filter("同步包 (*.zsync)", &["zsync"])
                    .set_file_name("同步包.zsync")
                    .save_file(),
                Purpose::SyncOpen => dialog
                    .add_filter("同步包 (*.zsync)", &["zsync"])
                    .pick_file(),
            };
            // The receiver may be gone if the window closed meanwhile: nothing to do then.
            let _ = sender.send(path);
            ctx.request_repaint();
        });
        self.pending = Some((purpose, receiver));
    }

    pub fn poll(&mut self, actions: &mut Actions) {
        let Some((purpose, receiver)) = &self.pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(path) => {
                if let Some(path) = path {
                    actions.push(match *purpose {
                        Purpose::Open => Action::from(SettingsAction::OpenDatabase(path)),
                        Purpose::New => SettingsAction::NewDatabase(path).into(),
                        Purpose::SaveCopy => SettingsAction::SaveCopy(path).into(),
                        Purpose::Import => ImportAction::Start(path, None).into(),
                        Purpose::Export => LedgerAction::Export(path).into(),
                        Purpose::Chart(kind, _) => ChartsAction::Export(kind, path).into(),
                        Purpose::Pack(month) => ChartsAction::WritePack(month, path).into(),
                        Purpose::SyncExport => SyncAction::Export(path).into(),
                        Purpose::SyncOpen => SyncAction::OpenBundle(path).into(),
                    });
                }
                self.pending = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }
}
