//! The window's own file picker, for when the system's dialog cannot open (a Linux desktop
//! without xdg-desktop-portal, as on many Kylin and UOS laptops: the dialog returns at once
//! with nothing). It lists a folder's subfolders and the files of the purpose's kinds; the
//! listing is read by the app layer.

use std::path::PathBuf;

use super::Purpose;
use crate::app::AppState;
use crate::i18n::T;

/// An open picker: the folder shown, the name typed or clicked, and why it is shown.
pub struct WindowPicker {
    pub purpose: Purpose,
    folder: PathBuf,
    /// The folder as typed in its box (it is gone to once it is a folder).
    folder_text: String,
    name: String,
    /// The system's dialog did not open: said in one line at the top.
    reason: T,
    /// The folder listed and what is in it (name, path, is a folder), or why it cannot be read.
    listing: Option<(PathBuf, Listing)>,
}

/// A folder's entries (name, path, is a folder), or why it cannot be read.
type Listing = Result<Vec<(String, PathBuf, bool)>, String>;

/// What the picker's frame ended with.
pub enum Picked {
    Open,
    Cancelled,
    Chosen(PathBuf),
}

impl WindowPicker {
    pub fn new(purpose: Purpose, start: Option<PathBuf>, reason: T) -> WindowPicker {
        let folder = start
            .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
            .unwrap_or_else(|| PathBuf::from("."));
        WindowPicker {
            purpose,
            folder_text: folder.display().to_string(),
            folder,
            name: purpose.file_name().unwrap_or_default(),
            reason,
            listing: None,
        }
    }

    /// Reads the folder's entries through the app layer, once per folder shown.
    fn list(&mut self, state: &AppState) {
        if self
            .listing
            .as_ref()
            .is_some_and(|(f, _)| *f == self.folder)
        {
            return;
        }
        let entries = state
            .folder_entries(&self.folder, self.purpose.extensions())
            .map(|entries| {
                entries
                    .into_iter()
                    .map(|e| (e.name, e.path, e.is_dir))
                    .collect()
            })
            .map_err(|e| e.to_string());
        self.listing = Some((self.folder.clone(), entries));
    }

    fn go_to(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.folder = folder;
    }

    /// Draws the picker; what the user chose once they chose.
    pub fn show_ui(&mut self, ctx: &egui::Context, state: &AppState) -> Picked {
        let saving = self.purpose.is_save();
        let title = state.t(if saving {
            T::PickerSaveTitle
        } else {
            T::PickerOpenTitle
        });
        let mut picked = Picked::Open;
        let mut open = true;
        egui::Window::new(title)
            .id(egui::Id::unique("window_file_picker"))
            .open(&mut open)
            .collapsible(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.set_max_width((ctx.content_rect().width() - 80.0).min(640.0));
                ui.add(egui::Label::new(state.t(self.reason)).wrap());
                ui.separator();
                self.list(state);
                self.folder_row_ui(ui, state);
                self.entries_ui(ui, state);
                ui.separator();
                picked = self.name_row_ui(ui, state, saving);
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            picked = Picked::Cancelled;
        }
        picked
    }

    /// The folder: typed, or one level up.
    fn folder_row_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::PickerFolder));
            let typed = ui
                .add(egui::TextEdit::singleline(&mut self.folder_text).desired_width(360.0))
                .labelled_by(label.id);
            // A folder typed is gone to once it can be listed.
            if typed.changed() {
                let folder = PathBuf::from(self.folder_text.trim());
                if state
                    .folder_entries(&folder, self.purpose.extensions())
                    .is_ok()
                {
                    self.folder = folder;
                }
            }
            if ui.button(state.t(T::PickerUp)).clicked()
                && let Some(parent) = self.folder.parent()
            {
                self.go_to(parent.to_path_buf());
            }
        });
    }

    /// The folder's subfolders and files of the purpose's kinds; a click on a folder opens it,
    /// on a file chooses its name.
    fn entries_ui(&mut self, ui: &mut egui::Ui, state: &AppState) {
        let Some((_, entries)) = &self.listing else {
            return;
        };
        let (mut go, mut pick) = (None, None);
        let current = self.name.trim();
        egui::ScrollArea::vertical()
            .id_salt("picker_entries")
            .max_height(280.0)
            .auto_shrink([false, true])
            .show(ui, |ui| match entries {
                Err(e) => {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                Ok(entries) if entries.is_empty() => {
                    ui.weak(state.t(T::PickerEmpty));
                }
                Ok(entries) => {
                    for (name, path, is_dir) in entries {
                        let text = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        let chosen = !is_dir && name == current;
                        if ui.selectable_label(chosen, text).clicked() {
                            if *is_dir {
                                go = Some(path.clone());
                            } else {
                                pick = Some(name.clone());
                            }
                        }
                    }
                }
            });
        if let Some(name) = pick {
            self.name = name;
        }
        if let Some(folder) = go {
            self.go_to(folder);
        }
    }

    /// True when `name` is a file listed in the folder shown.
    fn is_listed_file(&self, name: &str) -> bool {
        self.listing
            .as_ref()
            .and_then(|(_, entries)| entries.as_ref().ok())
            .is_some_and(|entries| entries.iter().any(|(n, _, dir)| !dir && n == name))
    }

    /// The file name and 打开 / 保存 / 取消.
    fn name_row_ui(&mut self, ui: &mut egui::Ui, state: &AppState, saving: bool) -> Picked {
        let mut picked = Picked::Open;
        ui.horizontal(|ui| {
            let label = ui.label(state.t(T::PickerFileName));
            ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(300.0))
                .labelled_by(label.id);
            let path = self.folder.join(self.name.trim());
            let ready =
                !self.name.trim().is_empty() && (saving || self.is_listed_file(self.name.trim()));
            let confirm = state.t(if saving { T::PickerSave } else { T::PickerOpen });
            if ui.add_enabled(ready, egui::Button::new(confirm)).clicked() {
                picked = Picked::Chosen(path);
            }
            if ui.button(state.t(T::Cancel)).clicked() {
                picked = Picked::Cancelled;
            }
        });
        picked
    }
}
