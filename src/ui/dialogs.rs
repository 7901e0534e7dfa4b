//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use crate::app::Action;

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
            let dialog = rfd::FileDialog::new().set_title(&title);
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
            };
            // The receiver may be gone if the window closed meanwhile: nothing to do then.
            let _ = sender.send(path);
            ctx.request_repaint();
        });
        self.pending = Some((purpose, receiver));
    }

    pub fn poll(&mut self, actions: &mut Vec<Action>) {
        let Some((purpose, receiver)) = &self.pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(path) => {
                if let Some(path) = path {
                    actions.push(match purpose {
                        Purpose::Open => Action::OpenDatabase(path),
                        Purpose::New => Action::NewDatabase(path),
                        Purpose::SaveCopy => Action::SaveCopy(path),
                        Purpose::Import => Action::StartImport(path, None),
                        Purpose::Export => Action::Export(path),
                    });
                }
                self.pending = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
        }
    }
}
