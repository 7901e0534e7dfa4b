//! 同步 without a server: bundles out of the change log, checked and merged into another
//! file, conflicts listed and resolved, 撞单 folded, merges undone — pure logic over the
//! store's change log (`store::changelog`); the window only calls these.

pub mod bundle;
pub mod value;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::store::changelog::{Entry, Fields, TABLES};
use crate::store::{
    ConflictRow, FieldWrite, IncomingProject, MergeMeta, MergeReport, Store, StoreError, migrations,
};
pub use bundle::{Bundle, Manifest, SiteRange, read_bundle, read_manifest};

/// Why a bundle was refused or a sync step failed. Each refusal leaves the ledger as it was.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("not a sync bundle")]
    NotABundle,
    #[error("the bundle is cut off (truncated)")]
    Truncated,
    #[error("the bundle was changed after it was written (its SHA-256 does not match)")]
    Tampered,
    #[error("the bundle is damaged: {0}")]
    Damaged(String),
    #[error("the bundle is of a newer format ({found}; this version reads up to {supported})")]
    NewerFormat { found: u16, supported: u16 },
    #[error("the bundle comes from a newer schema ({found}; this version has {supported})")]
    NewerSchema { found: i32, supported: i32 },
    #[error("the bundle is encrypted: a passphrase is needed")]
    NeedsPassphrase,
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error(
        "fork: the bundle's changes {seq} of site {site} differ from the ones this file holds — \
         a copy of a ledger file was used as a second ledger"
    )]
    Fork { site: String, seq: i64 },
    #[error(
        "the bundle's changes of site {site} start at {first}, but this file has only up to \
         {have}: a bundle in between is missing"
    )]
    Gap { site: String, first: i64, have: i64 },
    #[error("no such conflict: {0}")]
    NoConflict(i64),
    #[error("no such merge receipt: {0}")]
    NoReceipt(String),
    #[error("no such project: {0}")]
    NoProject(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub type Result<T> = std::result::Result<T, SyncError>;

/// Writes a bundle of everything `recipient` has not acknowledged (everything when it never
/// sent one, or is None), for every site this file knows; encrypted when a passphrase is
/// given. Returns the file's bytes and its manifest.
pub fn export_bundle(
    store: &mut Store,
    recipient: Option<&str>,
    passphrase: Option<&str>,
) -> Result<(Vec<u8>, Manifest)> {
    let (bytes, manifest) = bundle_bytes(store, recipient, passphrase)?;
    store.sync_note_sent(recipient, &manifest.bundle_id)?;
    Ok((bytes, manifest))
}

/// The bytes and manifest of [`export_bundle`]'s bundle, only reading `store` (a worker's
/// read-only connection): the caller notes it as sent (`Store::sync_note_sent`).
pub fn bundle_bytes(
    store: &Store,
    recipient: Option<&str>,
    passphrase: Option<&str>,
) -> Result<(Vec<u8>, Manifest)> {
    let acked = match recipient {
        Some(site) => store.sync_acked_by(site)?.unwrap_or_default(),
        None => BTreeMap::new(),
    };
    let have = store.sync_heads()?;
    let (officer, officer_name, team_name) = store.sync_me()?;
    let mut writer = bundle::EntryWriter::default();
    let mut ranges = Vec::new();
    for (site, last) in &have {
        let after = acked.get(site).copied().unwrap_or(0).min(*last);
        if after == *last {
            continue;
        }
        store.sync_raw_entries_after(site, after, |e| {
            writer
                .push_raw(e)
                .map_err(|err| StoreError::Damaged(err.to_string()))
        })?;
        ranges.push(SiteRange {
            site: site.clone(),
            first: after + 1,
            last: *last,
        });
    }
    let manifest = Manifest {
        format: bundle::FORMAT,
        schema: migrations::LATEST_VERSION,
        bundle_id: uuid::Uuid::now_v7().to_string(),
        sender: store.sync_site()?,
        officer,
        officer_name,
        team_name,
        created_at: store.sync_now(),
        recipient: recipient.map(str::to_owned),
        ranges,
        have,
        counts: BTreeMap::new(),
        entries: 0,
        tables: TABLES
            .iter()
            .map(|t| {
                let names = t.field_names().iter().map(|f| (*f).to_owned()).collect();
                (t.name.to_owned(), names)
            })
            .collect(),
    };
    writer.finish(manifest, passphrase)
}

/// [`export_bundle`] to a file, written whole or not at all (a temporary file renamed).
pub fn export_bundle_to(
    store: &mut Store,
    out: &Path,
    recipient: Option<&str>,
    passphrase: Option<&str>,
) -> Result<Manifest> {
    let (bytes, manifest) = export_bundle(store, recipient, passphrase)?;
    write_bundle_file(out, &bytes)?;
    Ok(manifest)
}

/// Writes a bundle's bytes to `out`, whole or not at all (a temporary file renamed).
pub fn write_bundle_file(out: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = out.as_os_str().to_owned();
    tmp.push(".part");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, out)?;
    Ok(())
}

/// Reads and checks a bundle file.
pub fn read_bundle_file(path: &Path, passphrase: Option<&str>) -> Result<Bundle> {
    let data = std::fs::read(path)?;
    read_bundle(&data, passphrase)
}

/// The entries of `bundle` this file does not hold yet, after checking that each site's
/// range continues this file's and repeats nothing with other content (else a fork). The
/// entries it repeats are read back per site in one pass, not one query each.
pub fn new_entries<'b>(store: &Store, bundle: &'b Bundle) -> Result<Vec<&'b Entry>> {
    if bundle.manifest.schema > migrations::LATEST_VERSION {
        return Err(SyncError::NewerSchema {
            found: bundle.manifest.schema,
            supported: migrations::LATEST_VERSION,
        });
    }
    let heads = store.sync_heads()?;
    let me = store.sync_site()?;
    let mut next: BTreeMap<&str, i64> = BTreeMap::new();
    // Per site, the entries held here already, to compare with the stored ones.
    let mut repeated: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    let mut out = Vec::new();
    for e in &bundle.entries {
        let have = heads.get(&e.site).copied().unwrap_or(0);
        let expected = next.entry(e.site.as_str()).or_insert(0);
        if *expected == 0 {
            if e.seq > have + 1 {
                return Err(SyncError::Gap {
                    site: e.site.clone(),
                    first: e.seq,
                    have,
                });
            }
        } else if e.seq != *expected {
            return Err(SyncError::Damaged(format!("site {} out of order", e.site)));
        }
        *expected = e.seq + 1;
        if e.seq <= have {
            repeated.entry(e.site.as_str()).or_default().push(e);
        } else if e.site == me {
            // Only this file writes its own site's entries.
            return Err(SyncError::Fork {
                site: e.site.clone(),
                seq: e.seq,
            });
        } else {
            out.push(e);
        }
    }
    for (site, list) in repeated {
        check_repeated(store, site, &list)?;
    }
    Ok(out)
}

/// A fork unless every entry of `list` (one site's, contiguous, in seq order) is the one
/// stored here at its (site, seq).
fn check_repeated(store: &Store, site: &str, list: &[&Entry]) -> Result<()> {
    let (Some(first), Some(last)) = (list.first(), list.last()) else {
        return Ok(());
    };
    let fork = |seq: i64| SyncError::Fork {
        site: site.to_owned(),
        seq,
    };
    let mut theirs = list.iter();
    let mut differs = None;
    store.sync_raw_entries_between(site, first.seq, last.seq, |mine| {
        match theirs.next() {
            Some(e) if mine.same_as(e) => {}
            Some(e) => {
                differs.get_or_insert(e.seq);
            }
            None => {
                differs.get_or_insert(mine.seq);
            }
        }
        Ok(())
    })?;
    if let Some(seq) = differs {
        return Err(fork(seq));
    }
    // Fewer stored than repeated: a (site, seq) this file does not hold.
    match theirs.next() {
        Some(e) => Err(fork(e.seq)),
        None => Ok(()),
    }
}

fn meta_of(manifest: &Manifest) -> MergeMeta {
    MergeMeta {
        bundle_id: manifest.bundle_id.clone(),
        from_site: manifest.sender.clone(),
        officer: manifest.officer.clone(),
        officer_name: manifest.officer_name.clone(),
        team_name: manifest.team_name.clone(),
        acked: manifest.have.clone(),
        duplicates: Vec::new(),
    }
}

/// A project the receiver already has under another id (撞单).
#[derive(Debug, Clone, Serialize)]
pub struct PossibleDuplicate {
    pub incoming: String,
    pub incoming_name: String,
    pub existing: String,
    pub existing_name: String,
}

/// What merging a bundle would do; nothing is written.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub manifest: Manifest,
    pub report: MergeReport,
    pub duplicates: Vec<PossibleDuplicate>,
}

/// The projects among `new` entries that the receiver already has under another id (撞单).
fn possible_duplicates(store: &Store, new: &[&Entry]) -> Result<Vec<PossibleDuplicate>> {
    let created: Vec<&Entry> = new
        .iter()
        .copied()
        .filter(|e| e.table == "projects" && e.field.is_none())
        .collect();
    let text = |e: &'_ Entry, f: &str| -> String {
        e.value
            .get(f)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let fields: Vec<[String; 3]> = created
        .iter()
        .map(|e| [text(e, "credit_code"), text(e, "company"), text(e, "name")])
        .collect();
    let incoming: Vec<IncomingProject> = created
        .iter()
        .zip(&fields)
        .map(|(e, [credit_code, company, name])| IncomingProject {
            id: &e.row,
            credit_code,
            company,
            name,
        })
        .collect();
    let found = store.projects_elsewhere(&incoming)?;
    let mut duplicates = Vec::new();
    for (p, matches) in incoming.iter().zip(found) {
        for (existing, existing_name) in matches.into_iter().flatten() {
            duplicates.push(PossibleDuplicate {
                incoming: p.id.to_owned(),
                incoming_name: p.name.to_owned(),
                existing,
                existing_name,
            });
        }
    }
    Ok(duplicates)
}

/// Previews a merge: per table rows new, changed, deleted, the conflicts it would make, the
/// possible 撞单. Refuses what [`apply`] would refuse.
pub fn preview(store: &mut Store, bundle: &Bundle) -> Result<Preview> {
    let new = new_entries(store, bundle)?;
    let duplicates = possible_duplicates(store, &new)?;
    let report = store.merge_entries(&new, &meta_of(&bundle.manifest), true)?;
    Ok(Preview {
        manifest: bundle.manifest.clone(),
        report,
        duplicates,
    })
}

/// Merges a bundle in one transaction and writes its 合并记录 (the report names it); the
/// possible 撞单 it brings are kept until folded or dismissed ([`duplicates`]). A bundle
/// with nothing new changes nothing at all.
pub fn apply(store: &mut Store, bundle: &Bundle) -> Result<MergeReport> {
    let new = new_entries(store, bundle)?;
    if new.is_empty() {
        return Ok(MergeReport::default());
    }
    let mut meta = meta_of(&bundle.manifest);
    meta.duplicates = possible_duplicates(store, &new)?
        .into_iter()
        .map(|d| (d.incoming, d.existing))
        .collect();
    Ok(store.merge_entries(&new, &meta, false)?)
}

/// The possible 撞单 merges found that are still to settle: neither folded (both projects
/// live) nor dismissed as 不是同一项目.
pub fn duplicates(store: &Store) -> Result<Vec<PossibleDuplicate>> {
    Ok(store
        .sync_duplicates()?
        .into_iter()
        .map(
            |(incoming, incoming_name, existing, existing_name)| PossibleDuplicate {
                incoming,
                incoming_name,
                existing,
                existing_name,
            },
        )
        .collect())
}

/// 不是同一项目: a possible 撞单 is no longer listed (`dismissed`), or listed again (undo).
pub fn dismiss_duplicate(
    store: &mut Store,
    incoming: &str,
    existing: &str,
    dismissed: bool,
) -> Result<()> {
    Ok(store.sync_dismiss_duplicate(incoming, existing, dismissed)?)
}

/// Undoes a merge as new entries that put back each changed field's value from before
/// (rows the merge brought are deleted). One write: one 撤销 step.
pub fn revert_merge(store: &mut Store, receipt: &str) -> Result<()> {
    let r = store
        .sync_receipt(receipt)?
        .ok_or_else(|| SyncError::NoReceipt(receipt.to_owned()))?;
    let now = Value::from(store.sync_now());
    let writes: Vec<FieldWrite> = r
        .changes
        .iter()
        .filter_map(|c| {
            let fields = match &c.before {
                Some(before) => before.clone(),
                None if c.table == "settings" => {
                    Fields::from_iter([("value".to_owned(), Value::Null)])
                }
                None => {
                    let spec = crate::store::changelog::spec(&c.table)?;
                    spec.field_names()
                        .contains(&"deleted_at")
                        .then(|| Fields::from_iter([("deleted_at".to_owned(), now.clone())]))?
                }
            };
            Some(FieldWrite {
                table: c.table.clone(),
                row: c.row.clone(),
                fields,
                force: false,
            })
        })
        .collect();
    store.write_fields(&writes)?;
    store.sync_mark_reverted(receipt, true)?;
    Ok(())
}

/// Redoes a reverted merge: each changed field gets its merged value again, new rows back.
pub fn reapply_merge(store: &mut Store, receipt: &str) -> Result<()> {
    let r = store
        .sync_receipt(receipt)?
        .ok_or_else(|| SyncError::NoReceipt(receipt.to_owned()))?;
    let writes: Vec<FieldWrite> = r
        .changes
        .iter()
        .map(|c| FieldWrite {
            table: c.table.clone(),
            row: c.row.clone(),
            fields: if c.before.is_some() {
                c.after.clone()
            } else {
                Fields::from_iter([("deleted_at".to_owned(), Value::Null)])
            },
            force: false,
        })
        .collect();
    store.write_fields(&writes)?;
    store.sync_mark_reverted(receipt, false)?;
    Ok(())
}

/// Ledger setting (one that travels): after how many days an officer's 数据截至 is marked.
pub const STALE_DAYS_KEY: &str = "sync_stale_days";
pub const DEFAULT_STALE_DAYS: i64 = 7;

/// After how many days an officer's 数据截至 is marked (the setting, else the default).
pub fn stale_days(store: &Store) -> crate::store::Result<i64> {
    Ok(store
        .setting(STALE_DAYS_KEY)?
        .and_then(|d| d.trim().parse().ok())
        .filter(|d: &i64| *d >= 0)
        .unwrap_or(DEFAULT_STALE_DAYS))
}

/// 数据截至 of one officer (site) heard from: the day of the newest change received from
/// them; for this file's own, today.
#[derive(Debug, Clone, Serialize)]
pub struct DataAsOf {
    pub officer_name: String,
    pub team_name: String,
    pub local: bool,
    /// None: nothing received from them yet.
    pub as_of: Option<chrono::NaiveDate>,
}

impl DataAsOf {
    /// Days from `as_of` to `today` (None when nothing came).
    pub fn age_days(&self, today: chrono::NaiveDate) -> Option<i64> {
        self.as_of.map(|d| (today - d).num_days().max(0))
    }

    /// Older than `limit` days, or never heard from (never this file's own).
    pub fn is_old(&self, today: chrono::NaiveDate, limit: i64) -> bool {
        !self.local && self.age_days(today).is_none_or(|d| d > limit)
    }
}

/// 数据截至 for every site heard from, this file's own first.
pub fn data_as_of(store: &Store, today: chrono::NaiveDate) -> crate::store::Result<Vec<DataAsOf>> {
    Ok(store
        .sync_sites()?
        .into_iter()
        .map(|s| DataAsOf {
            as_of: if s.is_local {
                Some(today)
            } else {
                crate::store::changelog::hlc_time(s.max_clock)
                    .map(|t| t.date())
                    .filter(|_| s.max_seq > 0)
            },
            officer_name: s.officer_name,
            team_name: s.team_name,
            local: s.is_local,
        })
        .collect())
}

/// How a conflict is settled.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    Mine,
    Theirs,
    /// An edited value (JSON, as the field is stored).
    Value(Value),
}

/// Every conflict, with mine / theirs / who / when.
pub fn conflicts(store: &Store) -> Result<Vec<ConflictRow>> {
    Ok(store.sync_conflicts()?)
}

/// A conflict settled: the field, its competing versions and the value chosen — what
/// undoing and redoing it need.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution {
    pub table: String,
    pub row: String,
    pub field: String,
    /// The competing values with their officers, the one shown before last.
    pub versions: Vec<(Value, String)>,
    pub chosen: Value,
}

/// Settles a conflict with a new entry whose base covers every competing version, so it
/// does not conflict again in any file that receives it.
pub fn resolve(store: &mut Store, id: i64, choice: Choice) -> Result<Resolution> {
    let all = store.sync_conflicts()?;
    let c = all
        .iter()
        .find(|c| c.id == id)
        .ok_or(SyncError::NoConflict(id))?;
    let value = |i: usize| c.heads.get(i).map(|h| h.value.clone()).unwrap_or_default();
    let chosen = match choice {
        Choice::Mine => value(c.mine),
        Choice::Theirs => value(c.theirs),
        Choice::Value(v) => v,
    };
    let resolution = Resolution {
        table: c.table.clone(),
        row: c.row.clone(),
        field: c.field.clone(),
        versions: c
            .heads
            .iter()
            .rev()
            .map(|h| (h.value.clone(), h.officer.clone()))
            .collect(),
        chosen,
    };
    settle(store, &resolution)?;
    Ok(resolution)
}

/// Writes a resolution's chosen value over every competing version (a resolve, its redo).
pub fn settle(store: &mut Store, r: &Resolution) -> Result<()> {
    store.write_fields(&[FieldWrite {
        table: r.table.clone(),
        row: r.row.clone(),
        fields: Fields::from_iter([(r.field.clone(), r.chosen.clone())]),
        force: true,
    }])?;
    Ok(())
}

/// Undoes a resolution as new entries: the competing values again, each by its officer,
/// so the conflict is open again here and wherever the change travels.
pub fn reopen(store: &mut Store, r: &Resolution) -> Result<()> {
    Ok(store.sync_reopen(&r.table, &r.row, &r.field, &r.versions)?)
}

/// A sync step made of field writes (a 撞单 folded): the writes that undo it and redo it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStep {
    pub before: Vec<FieldWrite>,
    pub after: Vec<FieldWrite>,
}

/// 撞单: keeps `keep` and folds `fold` into it — its stage moves move over, its notes are
/// appended, and it is soft-deleted pointing at `keep` — as one write that travels. Returns
/// the step, for undo.
pub fn fold_project(store: &mut Store, keep: &str, fold: &str) -> Result<FieldStep> {
    let kept = store
        .sync_row("projects", keep)?
        .ok_or_else(|| SyncError::NoProject(keep.to_owned()))?;
    let folded = store
        .sync_row("projects", fold)?
        .ok_or_else(|| SyncError::NoProject(fold.to_owned()))?;
    let note = |f: &crate::store::changelog::Fields| {
        f.get("notes")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let (kept_notes, folded_notes) = (note(&kept), note(&folded));
    let mut writes = Vec::new();
    let mut before = Vec::new();
    let field = |table: &str, row: &str, fields: &[(&str, Value)]| FieldWrite {
        table: table.into(),
        row: row.into(),
        fields: fields
            .iter()
            .map(|(f, v)| ((*f).to_owned(), v.clone()))
            .collect(),
        force: false,
    };
    if !folded_notes.trim().is_empty() && !kept_notes.contains(folded_notes.trim()) {
        let notes = if kept_notes.trim().is_empty() {
            folded_notes
        } else {
            format!("{kept_notes}\n{folded_notes}")
        };
        writes.push(field("projects", keep, &[("notes", Value::from(notes))]));
        before.push(field(
            "projects",
            keep,
            &[("notes", Value::from(kept_notes))],
        ));
    }
    for m in store.stage_move_ids(fold)? {
        writes.push(field(
            "stage_moves",
            &m,
            &[("project_id", Value::from(keep))],
        ));
        before.push(field(
            "stage_moves",
            &m,
            &[("project_id", Value::from(fold))],
        ));
    }
    let now = store.sync_now();
    writes.push(field(
        "projects",
        fold,
        &[
            ("merged_into", Value::from(keep)),
            ("deleted_at", Value::from(now)),
        ],
    ));
    let was = |f: &str| folded.get(f).cloned().unwrap_or(Value::Null);
    before.push(field(
        "projects",
        fold,
        &[
            ("merged_into", was("merged_into")),
            ("deleted_at", was("deleted_at")),
        ],
    ));
    store.write_fields(&writes)?;
    Ok(FieldStep {
        before,
        after: writes,
    })
}

/// Undoes (`undo`) or redoes a folded 撞单 by its writes, as new entries that travel.
pub fn step_fields(store: &mut Store, step: &FieldStep, undo: bool) -> Result<()> {
    let writes = if undo { &step.before } else { &step.after };
    Ok(store.write_fields(writes)?)
}
