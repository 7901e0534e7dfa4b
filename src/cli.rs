//! The command line: the same ledger without a window (demo data now; import, export and
//! reports join it later).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::i18n::{Lang, open_error_text};
use crate::store::{Store, Write};

#[derive(Debug, Parser)]
#[command(
    name = "zhaoshang",
    version,
    about = "招商台账 Zhaoshang — investment-attraction ledger"
)]
pub struct Cli {
    /// The ledger file (default: zhaoshang.db in the user's data folder).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Writes a generated demo zone into the ledger.
    Demo {
        /// How many projects to generate.
        #[arg(long, default_value_t = 300)]
        projects: usize,
        /// Seed: the same seed gives the same zone.
        #[arg(long, default_value_t = 2023)]
        seed: u64,
    },
}

/// The default ledger: zhaoshang.db in the platform's data folder
/// (~/.local/share/zhaoshang on Linux, %APPDATA%\zhaoshang\data on Windows).
pub fn default_database() -> PathBuf {
    directories::ProjectDirs::from("cn", "zhaoshang", "zhaoshang")
        .map(|dirs| dirs.data_dir().join("zhaoshang.db"))
        .unwrap_or_else(|| PathBuf::from("zhaoshang.db"))
}

/// Runs a subcommand; the error is a message for stderr.
pub fn run(db: PathBuf, command: Command, today: NaiveDate) -> Result<String, String> {
    let mut store = Store::open(&db).map_err(|e| open_error_text(Lang::Zh, &e))?;
    match command {
        Command::Demo { projects, seed } => {
            let demo = crate::demo::generate(projects, seed, today);
            let mut writes: Vec<Write> = Vec::with_capacity(demo.projects.len() + 64);
            writes.extend(demo.teams.into_iter().map(Write::PutTeam));
            writes.extend(demo.officers.into_iter().map(Write::PutOfficer));
            writes.extend(demo.projects.into_iter().map(Write::PutProject));
            writes.push(Write::SetSetting("first_run_done".into(), "1".into()));
            store
                .write(&writes)
                .map_err(|e| format!("写入失败，数据未改动：{e}"))?;
            let total = store.project_count().map_err(|e| e.to_string())?;
            Ok(format!(
                "已生成 {projects} 个示例项目，台账共 {total} 个项目：{}",
                db.display()
            ))
        }
    }
}
