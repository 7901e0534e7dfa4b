//! The `import` command: check a ledger file, print what was found, write only a clean (or
//! allowed) import.

use crate::i18n::{Lang, T};
use crate::store::Store;

use super::{OnDuplicate, labelled, listed, read_failed};

/// `import`: check the file, print what was found, write only a clean (or allowed) import.
/// `(dry_run, skip_bad_rows)` are the two switches.
pub(super) fn import(
    store: &mut Store,
    ledger: &std::path::Path,
    sheet: Option<&str>,
    on_duplicate: OnDuplicate,
    (dry_run, skip_bad_rows): (bool, bool),
    today: chrono::NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    use crate::app::import::{
        ImportSource, PlannedImport, PreviewToWrite, existing, import_counts,
        write_import_from_preview,
    };
    use crate::io::import::{DuplicatePolicy, Progress};
    // Taken before the ledger is read: whatever another program writes from here on makes
    // the import check its duplicates and team names again, inside its write transaction.
    let mark = store.change_mark().map_err(read_failed(lang))?;
    let current = existing(store, today).map_err(read_failed(lang))?;
    let remembered = |key: &str| store.setting(key).ok().flatten();
    let (source, preview) =
        ImportSource::read(ledger, sheet, &current, &remembered, &Progress::default())
            .map_err(|e| labelled(lang, &ledger.display().to_string(), &e.text(lang)))?;
    let layout = preview.layout.clone();
    let policy = match on_duplicate {
        OnDuplicate::Skip => DuplicatePolicy::Skip,
        OnDuplicate::Update => DuplicatePolicy::Update,
        OnDuplicate::New => DuplicatePolicy::New,
    };
    let has_errors = preview.bad_rows > 0;
    let write = !dry_run && (!has_errors || skip_bad_rows);
    let mut out = preview_lines(&preview, ledger, write, lang);
    // The preview moves into the write (its rows packed, as a large import in the window is
    // written); the counts line goes after the row summary.
    let counts = if write {
        let plan = PlannedImport {
            mark,
            source,
            layout,
            policy,
            choices: Vec::new(),
            today,
            also: None,
        };
        let rows = PreviewToWrite::new(preview, current.industries.clone());
        let (done, rechecked) =
            write_import_from_preview(store, &rows, &plan, None).map_err(|e| {
                let failed = lang.t(T::CliWriteFailed).replace("{e}", &e.text(lang));
                format!("{}\n{failed}", out.join("\n"))
            })?;
        if rechecked {
            out.push(lang.t(T::ImpRechecked).to_string());
        }
        done.counts
    } else {
        let lookup = |id| store.project(id);
        import_counts(preview, policy, &current.industries, &lookup)
            .map_err(|e| format!("{}\n{}", out.join("\n"), e.text(lang)))?
    };
    let counts_key = if write {
        T::CliCountsDone
    } else {
        T::CliCountsPlanned
    };
    out.insert(
        2,
        lang.t(counts_key)
            .replace("{new}", &counts.new.to_string())
            .replace("{updated}", &counts.updated.to_string())
            .replace("{skipped}", &counts.skipped.to_string()),
    );
    if write {
        // Written above, inside the write transaction.
    } else if dry_run {
        out.push(lang.t(T::CliDryRun).into());
    } else {
        out.push(lang.t(T::CliBadRowsNothingWritten).into());
    }
    let text = out.join("\n");
    if has_errors { Err(text) } else { Ok(text) }
}

/// What an import check found, line by line: the file and sheet, the rows, what is created,
/// the warnings and the errors with their places.
fn preview_lines(
    preview: &crate::io::import::ImportPreview,
    ledger: &std::path::Path,
    write: bool,
    lang: Lang,
) -> Vec<String> {
    let path = ledger.display().to_string();
    let mut out = vec![match &preview.detected {
        Some(detected) => lang
            .t(T::CliImportDetected)
            .replace("{path}", &path)
            .replace("{detected}", detected),
        None => lang
            .t(T::CliImportSheet)
            .replace("{path}", &path)
            .replace("{sheet}", &preview.sheet),
    }];
    out.push(
        lang.t(T::CliImportSummary)
            .replace("{total}", &preview.total_rows.to_string())
            .replace("{ok}", &preview.rows.len().to_string())
            .replace(
                "{dup}",
                &(preview.duplicate_count() - preview.file_duplicate_count()).to_string(),
            )
            .replace("{dupfile}", &preview.file_duplicate_count().to_string())
            .replace("{bad}", &preview.bad_rows.to_string())
            .replace("{blank}", &preview.blank_rows.to_string()),
    );
    let (teams_key, industries_key) = if write {
        (T::CliNewTeamsDone, T::CliNewIndustriesDone)
    } else {
        (T::CliNewTeamsPlanned, T::CliNewIndustriesPlanned)
    };
    if !preview.new_teams.is_empty() {
        let names = listed(lang, preview.new_teams.iter().map(|t| t.name.as_str()));
        out.push(lang.t(teams_key).replace("{names}", &names));
    }
    if !preview.new_industries.is_empty() {
        let names = listed(lang, preview.new_industries.iter().map(String::as_str));
        out.push(lang.t(industries_key).replace("{names}", &names));
    }
    let place = |row: usize, column: &str| match (row, column.is_empty()) {
        (0, _) => lang.t(T::ImpFile).to_string(),
        (r, true) => lang.t(T::CliRow).replace("{row}", &r.to_string()),
        (r, false) => lang
            .t(T::CliRowColumn)
            .replace("{row}", &r.to_string())
            .replace("{column}", column),
    };
    let warnings: Vec<_> = preview.warnings().collect();
    if !warnings.is_empty() {
        out.push(
            lang.t(T::CliWarnings)
                .replace("{n}", &warnings.len().to_string()),
        );
        for w in warnings {
            out.push(format!(
                "  {}",
                labelled(lang, &place(w.row, &w.column), &w.text(lang))
            ));
        }
    }
    let errors: Vec<_> = preview.errors().collect();
    if !errors.is_empty() {
        let rows: Vec<String> = preview.error_rows().iter().map(|r| r.to_string()).collect();
        out.push(
            lang.t(T::CliErrors)
                .replace("{n}", &errors.len().to_string())
                .replace("{rows}", &listed(lang, rows.iter().map(String::as_str))),
        );
        for e in errors {
            out.push(format!(
                "  {}",
                labelled(lang, &place(e.row, &e.column), &e.text(lang))
            ));
        }
    }
    out
}
