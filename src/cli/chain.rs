//! `chain list|show|import|export|samples|chart`: the 产业链图谱 from the command line — each
//! chain's 完整度, a chain's links with their status, chains in and out of .xlsx, and the chain
//! map drawn to PNG or SVG.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use super::{read_failed, write_failed};
use crate::app::chain::created_chains;
use crate::domain::chain::rows::ParsedChain;
use crate::domain::chain::starting::starting_chains;
use crate::domain::chain::status::ChainMap;
use crate::domain::chain::{Chain, ChainNode, Segment};
use crate::domain::money::yi_rounded;
use crate::i18n::{Lang, T};
use crate::io::chain::{read_chains, write_chain};
use crate::store::{Store, Write};

#[derive(Debug, Subcommand)]
pub enum ChainCommand {
    /// Lists the chains with their 完整度, 在谈 and 缺链 links.
    List,
    /// A chain's links by segment: status, projects and 亿元.
    Show { name: String },
    /// Imports chains from .xlsx (columns 链, 环节, 上级环节, 段, 关键环节); a file with any bad
    /// row, or naming a chain the ledger has, is refused whole.
    Import { file: PathBuf },
    /// Writes a chain's links to .xlsx, in the columns `import` reads.
    Export {
        name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Loads the three sample chains (新能源汽车, 集成电路, 生物医药).
    Samples,
    /// Draws the chain map to a PNG or SVG file (by the file's extension).
    Chart {
        name: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Whether a command only reads the ledger.
pub fn reads_only(command: &ChainCommand) -> bool {
    matches!(
        command,
        ChainCommand::List
            | ChainCommand::Show { .. }
            | ChainCommand::Export { .. }
            | ChainCommand::Chart { .. }
    )
}

pub fn run_chain(store: &mut Store, command: ChainCommand, lang: Lang) -> Result<String, String> {
    let read = read_failed(lang);
    match command {
        ChainCommand::List => {
            let chains = store.chains().map_err(&read)?;
            if chains.is_empty() {
                return Ok(lang.t(T::ChainCliNone).into());
            }
            let mut lines = Vec::new();
            for chain in &chains {
                let map = store.chain_map(chain.id).map_err(&read)?;
                lines.push(list_line(lang, chain, &map));
            }
            Ok(lines.join("\n"))
        }
        ChainCommand::Show { name } => {
            let chain = named(store, &name, lang)?;
            let map = store.chain_map(chain.id).map_err(&read)?;
            Ok(show(lang, &chain, &map))
        }
        ChainCommand::Import { file } => {
            let existing = store.chains().map_err(&read)?;
            let chains = read_chains(&file, &existing).map_err(|e| e.text(lang))?;
            add_chains(store, chains, lang)
        }
        ChainCommand::Export { name, out } => {
            let chain = named(store, &name, lang)?;
            let tree = store.chain_tree(chain.id).map_err(&read)?;
            let links = write_chain(&out, &chain, &tree.nodes).map_err(|e| e.text(lang))?;
            Ok(lang
                .t(T::ChainCliExported)
                .replace("{name}", &chain.name)
                .replace("{links}", &links.to_string())
                .replace("{path}", &out.display().to_string()))
        }
        ChainCommand::Samples => {
            let existing = store.chains().map_err(&read)?;
            let chains: Vec<_> = (starting_chains().into_iter())
                .filter(|c| !existing.iter().any(|e| e.name == c.chain.name))
                .collect();
            add_chains(store, chains, lang)
        }
        ChainCommand::Chart { name, out } => chart(store, Some(&name), &out, lang),
    }
}

/// `chain chart NAME` and `chart chain [--chain NAME]`: a chain map to PNG or SVG; with no
/// name, the first chain `chain list` lists.
pub(super) fn chart(
    store: &Store,
    name: Option<&str>,
    out: &Path,
    lang: Lang,
) -> Result<String, String> {
    let chain = match name {
        Some(name) => named(store, name, lang)?,
        None => (store.chains().map_err(read_failed(lang))?)
            .into_iter()
            .next()
            .ok_or_else(|| lang.t(T::ChainNone).to_string())?,
    };
    let map = store.chain_map(chain.id).map_err(read_failed(lang))?;
    crate::io::charts::export_chain(&chain, &map, lang, out).map_err(|e| e.text(lang))?;
    Ok(lang
        .t(T::ChainCliChart)
        .replace("{path}", &out.display().to_string()))
}

fn write(
    store: &mut Store,
    changes: Vec<crate::app::history::Change>,
    lang: Lang,
) -> Result<(), String> {
    let writes: Vec<Write> = changes.iter().filter_map(|c| c.writes(true)).collect();
    store.write(&writes).map_err(write_failed(lang))
}

/// Writes new chains with their links and says how many (an import, the starting chains).
fn add_chains(store: &mut Store, chains: Vec<ParsedChain>, lang: Lang) -> Result<String, String> {
    let links: usize = chains.iter().map(|c| c.nodes.len()).sum();
    let n = chains.len();
    write(store, created_chains(chains), lang)?;
    Ok(lang
        .t(T::ChainCliImported)
        .replace("{chains}", &n.to_string())
        .replace("{links}", &links.to_string()))
}

fn named(store: &Store, name: &str, lang: Lang) -> Result<Chain, String> {
    store
        .chain_named(name)
        .map_err(read_failed(lang))?
        .ok_or_else(|| lang.t(T::ChainCliNoSuch).replace("{name}", name))
}

fn list_line(lang: Lang, chain: &Chain, map: &ChainMap) -> String {
    let f = &map.figures;
    lang.t(T::ChainCliListLine)
        .replace("{name}", &chain.name)
        .replace("{industry}", &chain.industry)
        .replace("{links}", &map.tree.nodes.len().to_string())
        .replace("{covered}", &f.completeness.covered.to_string())
        .replace("{total}", &f.completeness.total.to_string())
        .replace("{pct}", &f.completeness.percent_text())
        .replace("{negotiating}", &f.negotiating.to_string())
        .replace("{missing}", &f.missing.to_string())
}

fn show(lang: Lang, chain: &Chain, map: &ChainMap) -> String {
    let mut lines = vec![list_line(lang, chain, map)];
    let line = |node: &ChainNode, indent: &str| {
        let f = map.figures.links.get(&node.id);
        let status = f
            .map(|f| f.status)
            .unwrap_or(crate::domain::chain::LinkStatus::Missing);
        lang.t(T::ChainCliLinkLine)
            .replace("{indent}", indent)
            .replace("{name}", &node.name)
            .replace("{key}", if node.key_link { " ★" } else { "" })
            .replace("{status}", lang.link_status_label(status))
            .replace("{n}", &f.map_or(0, |f| f.projects).to_string())
            .replace("{amount}", &yi_rounded(f.map_or(0, |f| f.amount_cny), 2))
    };
    for segment in Segment::ALL {
        lines.push(format!("[{}]", lang.segment_label(segment)));
        for link in map.tree.links_of(segment) {
            lines.push(line(link, "  "));
            for sub in map.tree.children_of(link.id) {
                lines.push(line(sub, "    "));
            }
        }
    }
    lines.join("\n")
}
