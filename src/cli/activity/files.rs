//! `activity import FILE [--dry-run]` and `activity export --out FILE.xlsx`: the window's
//! register import and export (the same reading, checking and writing), for scripts.

use std::path::Path;

use chrono::NaiveDate;

use crate::app::agenda_import::{check_register, export_activities};
use crate::domain::activity::{ActivityFilter, ActivityType};
use crate::i18n::{Lang, T};
use crate::io::activities::{UnmatchedName, read_register};
use crate::store::{Store, Write};

fn count(lang: Lang, key: T, n: usize) -> String {
    lang.t(key).replace("{n}", &n.to_string())
}

fn row_line(lang: Lang, row: usize, why: &str) -> String {
    format!(
        "  {}",
        lang.t(T::RegRowLine)
            .replace("{row}", &row.to_string())
            .replace("{why}", why)
    )
}

fn names_lines(lang: Lang, title: T, names: &[UnmatchedName], out: &mut Vec<String>) {
    if names.is_empty() {
        return;
    }
    out.push(lang.t(title).to_string());
    for n in names {
        let why = if n.matches > 1 {
            lang.t(T::RegAmbiguous)
                .replace("{name}", &n.name)
                .replace("{n}", &n.matches.to_string())
        } else {
            n.name.clone()
        };
        out.push(row_line(lang, n.sheet_row, &why));
    }
}

pub fn import(
    store: &mut Store,
    types: &[ActivityType],
    file: &Path,
    dry_run: bool,
    today: NaiveDate,
    lang: Lang,
) -> Result<String, String> {
    let register = read_register(file, types, today).map_err(|e| e.text(lang))?;
    let preview = check_register(store, register).map_err(super::read_failed(lang))?;
    let mut out = vec![
        count(lang, T::RegWillAdd, preview.new.len()),
        count(lang, T::RegDuplicates, preview.duplicates),
        count(lang, T::RegRefusedCount, preview.refused.len()),
    ];
    for r in &preview.refused {
        out.push(row_line(lang, r.sheet_row, &r.reason.text(lang)));
    }
    names_lines(
        lang,
        T::RegUnknownOfficers,
        &preview.unknown_officers,
        &mut out,
    );
    names_lines(
        lang,
        T::RegUnknownProjects,
        &preview.unknown_projects,
        &mut out,
    );
    if dry_run {
        out.push(lang.t(T::RegDryRun).to_string());
    } else if !preview.new.is_empty() {
        let writes: Vec<Write> = preview
            .new
            .iter()
            .map(|(_, a)| Write::PutActivity(a.clone()))
            .collect();
        store.write(&writes).map_err(super::write_failed(lang))?;
        out.push(
            lang.t(T::RegImported)
                .replace("{n}", &preview.new.len().to_string())
                .replace("{dup}", &preview.duplicates.to_string()),
        );
    }
    Ok(out.join("\n"))
}

pub fn export(
    store: &Store,
    out: &Path,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    lang: Lang,
) -> Result<String, String> {
    let filter = ActivityFilter {
        from,
        to,
        ..ActivityFilter::default()
    };
    let n = export_activities(store, &filter, out).map_err(|e| e.text(lang))?;
    Ok(lang
        .t(T::RegExported)
        .replace("{n}", &n.to_string())
        .replace("{path}", &out.display().to_string()))
}
