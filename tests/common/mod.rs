//! What the UI tests share: the whole app in a headless harness, and typing into a field.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use zhaoshang::app::AppState;
use zhaoshang::ui::{ZhaoshangApp, fonts};

pub fn harness(state: AppState) -> Harness<'static, ZhaoshangApp> {
    let app = ZhaoshangApp::new(state, false);
    Harness::builder()
        .with_size(egui::vec2(1280.0, 900.0))
        // The embedded font, as the app installs it: egui refuses to draw a character no font
        // has, so every Chinese string shown in these tests is proven to have its glyphs.
        .with_context_setup(fonts::install)
        .build_ui_state(|ui, app: &mut ZhaoshangApp| app.ui_root(ui), app)
}

/// Focuses a labelled text field, selects what is in it, and types over it.
pub fn fill(h: &mut Harness<'static, ZhaoshangApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Past the first-run choice, on an empty ledger.
#[allow(dead_code)]
pub fn start_empty(h: &mut Harness<'static, ZhaoshangApp>) {
    h.run();
    h.get_by_label("从空台账开始").click();
    h.run();
}
