//! Starts Zhaoshang: with no subcommand the window, otherwise the command line.

use std::process::ExitCode;
use zhaoshang::app::ImportAction;

use clap::Parser;
use zhaoshang::app::AppState;
use zhaoshang::cli::{self, Cli};
use zhaoshang::ui::{ZhaoshangApp, fonts};

fn main() -> ExitCode {
    let args = Cli::parse();
    let today = chrono::Local::now().date_naive();
    if let Some(command) = args.command {
        let db = args.db.unwrap_or_else(cli::default_database);
        return cli::finish(cli::run(db, command, today, args.lang.into()));
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("招商台账 Zhaoshang")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    let import = args.import.clone();
    let lang: zhaoshang::i18n::Lang = args.lang.into();
    let result = eframe::run_native(
        "zhaoshang",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let prefs = ZhaoshangApp::load_prefs(cc.storage);
            // --db wins; then the file opened last time; then the default in the data folder.
            let db = args
                .db
                .or(prefs.database.clone())
                .unwrap_or_else(cli::default_database);
            // A refused file is left as it is; the window opens on a scratch ledger and says
            // so until another file is open (see `AppState::for_window`).
            // The window never waits for a recompute: figures are made on workers, from the
            // first screen on.
            let mut state = AppState::for_window_on(&db, today, prefs.lang, prefs.screen, true)?;
            if let Some(ledger) = import {
                state.screen = zhaoshang::app::Screen::Projects;
                state.apply(ImportAction::Start(ledger, None));
            }
            Ok(Box::new(ZhaoshangApp::new(state, prefs.dark)))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let text = lang
                .t(zhaoshang::i18n::T::CliNoWindow)
                .replace("{e}", &e.to_string());
            cli::finish(Err(text))
        }
    }
}
