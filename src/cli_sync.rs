//! The 同步 commands without a window: `bundle export|merge`, `conflicts list|resolve`,
//! `sync status`.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use crate::i18n::{Lang, T, open_error_text, store_error_text, sync_error_text};
use crate::store::{MergeReport, Store};
use crate::sync::{self, Choice, value};

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// 同步包: writes one for another file, or merges one from it.
    Bundle {
        #[command(subcommand)]
        command: BundleCommand,
    },
    /// 冲突: fields two files changed differently.
    Conflicts {
        #[command(subcommand)]
        command: ConflictsCommand,
    },
    /// 同步: the sites this file has heard from.
    Sync {
        #[command(subcommand)]
        command: StatusCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Writes a bundle of every change the recipient has not acknowledged.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Encrypts with the team passphrase held in this environment variable.
        #[arg(long, value_name = "VAR")]
        passphrase_env: Option<String>,
        /// The recipient's site id (see `sync status`); without it, everything.
        #[arg(long = "for", value_name = "SITE")]
        for_site: Option<String>,
    },
    /// Merges a bundle: prints what came and what it changed.
    Merge {
        file: PathBuf,
        /// Checks the bundle and prints what the merge would do; writes nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        #[arg(long, value_name = "VAR")]
        passphrase_env: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Keeps this file's value (mine), the other's (theirs), or settles it with `--value`.
    Resolve {
        id: i64,
        #[arg(required_unless_present = "value", conflicts_with = "value")]
        choice: Option<Side>,
        /// The value to settle with, read as the window's editor reads it: an amount in 元
        /// unless 万 or 亿 is written (3000万), a day (2026-03-01), a stage by name or code.
        #[arg(long, value_name = "TEXT")]
        value: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    Status {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    Mine,
    Theirs,
}

fn passphrase(var: &Option<String>, lang: Lang) -> Result<Option<String>, String> {
    match var {
        None => Ok(None),
        Some(name) => std::env::var(name)
            .map(Some)
            .map_err(|_| lang.t(T::CliPassphraseVarUnset).replace("{name}", name)),
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn report_text(lang: Lang, report: &MergeReport) -> String {
    let t = |k| lang.t(k);
    let mut out = format!("{} {}", report.entries, t(T::SyncWordChanges));
    for (table, c) in &report.tables {
        out.push_str(&format!(
            "\n  {table}: {} {}, {} {}, {} {}",
            t(T::SyncWordNew),
            c.new,
            t(T::SyncWordChanged),
            c.changed,
            t(T::SyncWordDeleted),
            c.deleted
        ));
    }
    out.push_str(&format!(
        "\n  {}: {}",
        t(T::SyncWordConflicts),
        report.new_conflicts
    ));
    out
}

/// Runs a 同步 command against the ledger at `db`; the error is a message for stderr.
pub fn run(db: &Path, command: SyncCommand, lang: Lang) -> Result<String, String> {
    let read_only = matches!(
        command,
        SyncCommand::Sync { .. }
            | SyncCommand::Conflicts {
                command: ConflictsCommand::List { .. }
            }
    );
    let opened = if read_only {
        Store::open_to_read(db)
    } else {
        Store::open(db)
    };
    let mut store = opened.map_err(|e| open_error_text(lang, &e))?;
    let err = |e: sync::SyncError| sync_error_text(lang, &e);
    match command {
        SyncCommand::Bundle {
            command:
                BundleCommand::Export {
                    out,
                    passphrase_env,
                    for_site,
                },
        } => {
            let pass = passphrase(&passphrase_env, lang)?;
            let m = sync::export_bundle_to(&mut store, &out, for_site.as_deref(), pass.as_deref())
                .map_err(err)?;
            Ok(format!(
                "{}：{}（{} {}）",
                lang.t(T::SyncWordExported),
                out.display(),
                m.entries,
                lang.t(T::SyncWordChanges)
            ))
        }
        SyncCommand::Bundle {
            command:
                BundleCommand::Merge {
                    file,
                    dry_run,
                    format,
                    passphrase_env,
                },
        } => merge(
            &mut store,
            &file,
            dry_run,
            format,
            passphrase(&passphrase_env, lang)?,
            lang,
        ),
        SyncCommand::Conflicts {
            command: ConflictsCommand::List { format },
        } => conflicts_list(&store, format, lang),
        SyncCommand::Conflicts {
            command: ConflictsCommand::Resolve { id, choice, value },
        } => {
            let choice = match (choice, value) {
                (_, Some(text)) => Choice::Value(typed_value(&store, id, &text, lang)?),
                (Some(Side::Mine), None) => Choice::Mine,
                (Some(Side::Theirs), None) => Choice::Theirs,
                (None, None) => return Err(lang.t(T::CliResolveHow).into()),
            };
            sync::resolve(&mut store, id, choice).map_err(err)?;
            Ok(format!("{}：{id}", lang.t(T::SyncWordResolved)))
        }
        SyncCommand::Sync {
            command: StatusCommand::Status { format },
        } => status(&store, format, lang),
    }
}

/// `--value TEXT` read for conflict `id` by the window's editor's rules (an amount in 元
/// unless 万/亿 is written); a refusal says why, and nothing is written.
fn typed_value(
    store: &Store,
    id: i64,
    text: &str,
    lang: Lang,
) -> Result<serde_json::Value, String> {
    let conflicts = sync::conflicts(store).map_err(|e| sync_error_text(lang, &e))?;
    let c = conflicts
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| sync_error_text(lang, &sync::SyncError::NoConflict(id)))?;
    let row = store
        .sync_row(&c.table, &c.row)
        .map_err(|e| store_error_text(lang, &e))?;
    let currency = row
        .as_ref()
        .and_then(|f| f.get("currency"))
        .and_then(|v| v.as_str());
    let kind = value::field_kind(&c.table, &c.field, currency);
    value::parse_value(kind, text, 1).map_err(|e| {
        lang.t(T::CliResolveBadValue)
            .replace("{id}", &id.to_string())
            .replace("{reason}", &value::value_error_text(lang, &e))
    })
}

/// The conflicts, then the possible 撞单 still to settle (kept from merges).
fn conflicts_list(store: &Store, format: OutputFormat, lang: Lang) -> Result<String, String> {
    let err = |e: sync::SyncError| sync_error_text(lang, &e);
    let list = sync::conflicts(store).map_err(err)?;
    let duplicates = sync::duplicates(store).map_err(err)?;
    if format == OutputFormat::Json {
        return Ok(json(&list));
    }
    let mut out = if list.is_empty() {
        lang.t(T::SyncWordNoConflicts).to_owned()
    } else {
        let lines: Vec<String> = list
            .iter()
            .map(|c| {
                let side = |i: usize| {
                    c.heads
                        .get(i)
                        .map(|h| h.value.to_string())
                        .unwrap_or_default()
                };
                format!(
                    "{}\t{}\t{}\t{}\t{}: {}\t{}: {}",
                    c.id,
                    c.table,
                    c.row,
                    c.field,
                    lang.t(T::SyncWordMine),
                    side(c.mine),
                    lang.t(T::SyncWordTheirs),
                    side(c.theirs)
                )
            })
            .collect();
        lines.join("\n")
    };
    if !duplicates.is_empty() {
        out.push_str(&format!("\n{}", lang.t(T::CliDuplicatesHeading)));
        for d in &duplicates {
            out.push_str(&format!(
                "\n  {}: {} ↔ {}\t{} {}",
                lang.t(T::SyncWordPossibleDuplicate),
                d.incoming_name,
                d.existing_name,
                d.incoming,
                d.existing
            ));
        }
    }
    Ok(out)
}

fn merge(
    store: &mut Store,
    file: &Path,
    dry_run: bool,
    format: OutputFormat,
    pass: Option<String>,
    lang: Lang,
) -> Result<String, String> {
    let err = |e: sync::SyncError| sync_error_text(lang, &e);
    let bundle = sync::read_bundle_file(file, pass.as_deref()).map_err(err)?;
    if dry_run {
        let preview = sync::preview(store, &bundle).map_err(err)?;
        if format == OutputFormat::Json {
            return Ok(json(&preview));
        }
        let mut out = format!(
            "{}：{}\n{}",
            lang.t(T::SyncWordDryRun),
            preview.manifest.officer_name,
            report_text(lang, &preview.report)
        );
        for d in &preview.duplicates {
            out.push_str(&format!(
                "\n  {}: {} ↔ {}",
                lang.t(T::SyncWordPossibleDuplicate),
                d.incoming_name,
                d.existing_name
            ));
        }
        return Ok(out);
    }
    let report = sync::apply(store, &bundle).map_err(err)?;
    if format == OutputFormat::Json {
        return Ok(json(&report));
    }
    if report.entries == 0 {
        return Ok(lang.t(T::SyncNothingNew).into());
    }
    Ok(format!(
        "{}：{}\n{}",
        lang.t(T::SyncWordMerged),
        bundle.manifest.officer_name,
        report_text(lang, &report)
    ))
}

fn status(store: &Store, format: OutputFormat, lang: Lang) -> Result<String, String> {
    let sites = store.sync_sites().map_err(|e| store_error_text(lang, &e))?;
    if format == OutputFormat::Json {
        return Ok(json(&sites));
    }
    let t = |k| lang.t(k);
    let lines: Vec<String> = sites
        .iter()
        .map(|s| {
            let as_of = crate::store::changelog::hlc_time(s.max_clock)
                .filter(|_| s.max_clock > 0)
                .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|| "-".into());
            format!(
                "{}{}\t{} {}\t{} {}\t{} {}\t{} {}\t{} {}",
                s.site,
                if s.is_local {
                    format!("（{}）", t(T::SyncWordThisFile))
                } else {
                    String::new()
                },
                s.officer_name,
                s.team_name,
                s.max_seq,
                t(T::SyncWordChanges),
                t(T::SyncWordDataAsOf),
                as_of,
                t(T::SyncWordLastReceived),
                s.received_at.as_deref().unwrap_or("-"),
                t(T::SyncWordLastSent),
                s.sent_at.as_deref().unwrap_or("-"),
            )
        })
        .collect();
    Ok(lines.join("\n"))
}
