//! `targets-co import|export`: 招商目标企业库 in and out of .xlsx/.csv from the command line — the
//! same reading, checking (duplicates skipped, bad rows listed with their reason) and columns
//! as the window's 导入… and 导出….

use std::path::PathBuf;

use clap::Subcommand;

use super::{read_failed, write_failed};
use crate::app::companies_import::{check_rows, export_companies, import_step};
use crate::i18n::{Lang, T};
use crate::io::companies::read_rows;
use crate::store::{Store, Write};

#[derive(Debug, Subcommand)]
pub enum CompaniesCommand {
    /// Imports target companies from .xlsx/.xls/.ods/.csv (columns 企业名称, 统一社会信用代码,
    /// 所在城市, 产业链环节, 优先级, 链主, 负责人, 联系状态, 备注). Duplicates (same credit code, or
    /// same name without one) are skipped. Bad rows are listed, and then nothing is written
    /// (exit non-zero) unless --skip-bad-rows, as for projects.
    Import {
        file: PathBuf,
        /// Check and print the summary, write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the rows without errors even when others have some.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Writes every target company to .xlsx or .csv (by the extension), in the columns
    /// `import` reads.
    Export {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Whether a command only reads the ledger.
pub fn reads_only(command: &CompaniesCommand) -> bool {
    matches!(
        command,
        CompaniesCommand::Export { .. } | CompaniesCommand::Import { dry_run: true, .. }
    )
}

pub fn run_companies(
    store: &mut Store,
    command: CompaniesCommand,
    lang: Lang,
) -> Result<String, String> {
    let read = read_failed(lang);
    match command {
        CompaniesCommand::Import {
            file,
            dry_run,
            skip_bad_rows,
        } => {
            let rows = read_rows(&file).map_err(|e| e.text(lang))?;
            let preview = check_rows(store, &rows).map_err(&read)?;
            let has_errors = !preview.refused.is_empty();
            let write = !dry_run && (!has_errors || skip_bad_rows);
            if write {
                let writes: Vec<Write> = (import_step(&preview).iter())
                    .filter_map(|c| c.writes(true))
                    .collect();
                store.write(&writes).map_err(write_failed(lang))?;
            }
            let summary = if write {
                T::CoCliImported
            } else {
                T::CoCliChecked
            };
            let mut lines = vec![
                lang.t(summary)
                    .replace("{n}", &preview.new.len().to_string())
                    .replace("{dup}", &preview.duplicates.to_string())
                    .replace("{bad}", &preview.refused.len().to_string()),
            ];
            lines.extend(preview.refused.iter().map(|e| e.text(lang)));
            if has_errors && !write && !dry_run {
                lines.push(lang.t(T::CliBadRowsNothingWritten).into());
            }
            let text = lines.join("\n");
            if has_errors { Err(text) } else { Ok(text) }
        }
        CompaniesCommand::Export { out } => {
            let companies = store.target_companies().map_err(&read)?;
            let n = export_companies(store, &companies, &out).map_err(|e| e.text(lang))?;
            Ok(lang
                .t(T::CoExported)
                .replace("{n}", &n.to_string())
                .replace("{path}", &out.display().to_string()))
        }
    }
}
