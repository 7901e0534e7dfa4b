//! What makes a large write quick: the projects' indexes set aside and built again after the
//! rows, the search index written after the rows (or made anew), and the small page cache.

use rusqlite::params;

use super::records::Write;
use super::watch::{self, REPORT_EVERY, WriteWatch};
use super::{Result, search};
use crate::domain::Project;

/// The search index made again from every live project (after a large write).
pub(super) fn rebuild_search_index(tx: &rusqlite::Transaction) -> Result<()> {
    rebuild_search_index_watched(tx, None)
}

/// How many bytes of new words FTS5 holds before it writes them out as an index segment,
/// while a large write fills the index: with its own default (1 MiB) the words of 50,000
/// projects went out as six segments merged again into one, for 11% more instructions.
const BULK_SEARCH_BUFFER_BYTES: i64 = 32 * 1024 * 1024;
/// FTS5's own default, which the ledger keeps between large writes.
const SEARCH_BUFFER_BYTES: i64 = 1024 * 1024;

/// Runs `fill` with FTS5's large buffer of new words. The setting is a row of the index's
/// own table, so a failed write rolls it back with everything else.
fn with_bulk_search_buffer(
    tx: &rusqlite::Transaction,
    fill: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let set = |bytes: i64| {
        tx.execute(
            "INSERT INTO project_search (project_search, rank) VALUES ('hashsize', ?1)",
            [bytes],
        )
    };
    set(BULK_SEARCH_BUFFER_BYTES)?;
    fill()?;
    set(SEARCH_BUFFER_BYTES)?;
    lift_bulk_segment(tx)
}

/// A row of the search index that no project has (projects' rows are their seq, from 1).
const PLACEHOLDER_ROW: i64 = -1;

/// How many levels a large write's search segment is lifted (one rewrite of the index each).
const LIFTS: usize = 2;

/// Moves what a large write put in the search index up FTS5's levels, in the same
/// transaction (on the worker that makes the write).
///
/// FTS5 writes each commit's words as a new segment on level 0, merges a level's segments
/// into one on the level above, and when a level holds 16 segments merges them all at once
/// in the next commit. Left on level 0, a large write's segment was merged again with the
/// small segments of the next 15 edits that changed a name or a note, in the commit of the
/// 16th: 96–107 ms at 100,000 projects and 0.8 s at 1,000,000, on the window's thread. One
/// level up, it came back after about 240 such edits (0.76 s at 1,000,000); two levels up,
/// none of 1,500 edits at 100,000 took over 7 ms. 'optimize' merges every segment into one on
/// the level above the highest, but leaves a single segment where it is: so the write's
/// words are first written out as a segment of their own (a savepoint does that) and a
/// placeholder row makes a second.
fn lift_bulk_segment(tx: &rusqlite::Transaction) -> Result<()> {
    for _ in 0..LIFTS {
        tx.execute_batch("SAVEPOINT search_words_out; RELEASE search_words_out;")?;
        tx.execute(
            "INSERT INTO project_search (rowid, tokens) VALUES (?1, 'placeholder')",
            [PLACEHOLDER_ROW],
        )?;
        tx.execute(
            "INSERT INTO project_search (project_search) VALUES ('optimize')",
            [],
        )?;
        tx.execute(
            "DELETE FROM project_search WHERE rowid = ?1",
            [PLACEHOLDER_ROW],
        )?;
    }
    Ok(())
}

/// [`rebuild_search_index`], stopping when `watch` says so.
pub(super) fn rebuild_search_index_watched(
    tx: &rusqlite::Transaction,
    watch: Option<&dyn WriteWatch>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO project_search (project_search) VALUES ('delete-all')",
        [],
    )?;
    with_bulk_search_buffer(tx, || add_every_live_project(tx, watch))
}

fn add_every_live_project(
    tx: &rusqlite::Transaction,
    watch: Option<&dyn WriteWatch>,
) -> Result<()> {
    // In seq order: FTS5 writes out what it holds whenever a rowid comes below the last one,
    // and a scan by a live-rows index made that one index segment per project (2 s of a merge
    // of 100,000 projects).
    let mut live = tx.prepare(
        "SELECT seq, name, company, notes, credit_code FROM projects WHERE deleted_at IS NULL \
         ORDER BY seq",
    )?;
    let mut add =
        tx.prepare_cached("INSERT INTO project_search (rowid, tokens) VALUES (?1, ?2)")?;
    let mut rows = live.query([])?;
    let mut done = 0usize;
    while let Some(row) = rows.next()? {
        done += 1;
        if done.is_multiple_of(REPORT_EVERY) {
            watch::check(watch)?;
        }
        let seq: i64 = row.get(0)?;
        let texts: [String; 4] = [row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?];
        let parts: Vec<&str> = texts.iter().map(String::as_str).collect();
        add.execute(params![seq, search::index_tokens(&parts)])?;
    }
    Ok(())
}

/// The page cache while a large write rebuilds the indexes (KiB, as SQLite's negative value).
pub(super) const BULK_CACHE_KIB: i64 = -16 * 1024;

/// A write of at least this many projects may rebuild the indexes instead of updating them.
pub(super) const BULK_PROJECTS: usize = 2_000;

/// For a large write of projects (an import, the demo, undoing an import), drops the projects'
/// secondary indexes and returns the statements that make them again after the rows are in,
/// in the same transaction. SQLite updates each of some fifteen indexes row by row at a random place,
/// which made an import of 100,000 projects take 10–20 s; building an index from a sort is
/// several times faster. Only worth it when the new rows are a good part of the table, since a
/// rebuild reads every row: here, when they are at least a quarter of the projects already
/// there. Nothing changes for the user: a failed write rolls the indexes back with the rows.
pub(super) fn set_aside_indexes_for_bulk(
    tx: &rusqlite::Transaction,
    writes: &[Write],
) -> Result<Vec<String>> {
    let incoming = writes
        .iter()
        .filter(|w| matches!(w, Write::PutProject(_) | Write::DeleteProject(_)))
        .count()
        + rows_within(writes);
    set_aside_project_indexes(tx, incoming)
}

/// A write of many projects at once (a large import's, and its undo and redo).
pub(super) fn is_many(write: &Write) -> bool {
    matches!(
        write,
        Write::PutPackedProjects(_) | Write::DeleteProjects(_) | Write::RestoreProjects(_)
    )
}

/// The projects written by the writes of many at once ([`is_many`]).
pub(super) fn rows_within(writes: &[Write]) -> usize {
    (writes.iter())
        .map(|w| match w {
            Write::PutPackedProjects(packed) => packed.len(),
            Write::DeleteProjects(ids) | Write::RestoreProjects(ids) => ids.len(),
            _ => 0,
        })
        .sum()
}

/// [`set_aside_indexes_for_bulk`] for `incoming` project rows (a merge of a large bundle).
pub(super) fn set_aside_project_indexes(
    tx: &rusqlite::Transaction,
    incoming: usize,
) -> Result<Vec<String>> {
    if incoming < BULK_PROJECTS {
        return Ok(Vec::new());
    }
    let present: i64 = tx.query_row("SELECT count(*) FROM projects", [], |r| r.get(0))?;
    if (incoming as i64) * 4 < present {
        return Ok(Vec::new());
    }
    // Indexes SQLite made for a UNIQUE constraint have no SQL and cannot be dropped; they stay.
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema \
             WHERE type = 'index' AND tbl_name = 'projects' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, create)| create).collect())
}

/// Worker threads SQLite's sorter may use while the indexes are made again: a third of a
/// full merge's time was these sorts on one core.
const SORT_THREADS: i64 = 2;

/// Makes the indexes [`set_aside_project_indexes`] dropped, from sorts that a second thread
/// helps with; `watch` may stop it between two indexes.
pub(super) fn rebuild_indexes(
    tx: &rusqlite::Transaction,
    creates: &[String],
    watch: Option<&dyn WriteWatch>,
) -> Result<()> {
    if creates.is_empty() {
        return Ok(());
    }
    tx.pragma_update(None, "threads", SORT_THREADS)?;
    for create in creates {
        watch::check(watch)?;
        tx.execute_batch(create)?;
    }
    tx.pragma_update(None, "threads", 0)?;
    Ok(())
}

/// One change to the search index, made after the write's other statements.
pub(super) enum SearchOp<'a> {
    Remove(i64),
    /// The project's words are made when they are written, so a large write does not hold
    /// them all at once.
    Add(i64, &'a Project),
    /// A restored project's words, read from its row.
    AddTokens(i64, String),
    /// A packed project's words, made when they are written.
    AddPacked(i64, &'a crate::domain::packed::PackedProject),
}

/// The search-index changes of one write, applied last and in order.
///
/// Why last: a statement that may fail halfway (an upsert of a project row) opens a statement
/// savepoint, and FTS5 writes out its pending terms at every savepoint. Interleaved with the
/// project rows, that made one tiny index segment per project and constant merging: 3 of the
/// 4 seconds an import of 100,000 projects spent inserting rows.
#[derive(Default)]
pub(super) struct SearchUpdates<'a> {
    pub(super) ops: Vec<SearchOp<'a>>,
}

impl<'a> SearchUpdates<'a> {
    /// A project's entry written: `add`, after removing the old one when `replace`.
    pub(super) fn replace(&mut self, seq: i64, replace: bool, add: SearchOp<'a>) {
        if replace {
            self.ops.push(SearchOp::Remove(seq));
        }
        self.ops.push(add);
    }

    pub(super) fn removals(&self) -> usize {
        self.ops
            .iter()
            .filter(|op| matches!(op, SearchOp::Remove(_)))
            .count()
    }

    pub(super) fn apply(
        self,
        tx: &rusqlite::Transaction,
        watch: Option<&dyn WriteWatch>,
    ) -> Result<()> {
        if self.ops.len() >= BULK_PROJECTS {
            with_bulk_search_buffer(tx, || self.apply_each(tx, watch))
        } else {
            self.apply_each(tx, watch)
        }
    }

    fn apply_each(self, tx: &rusqlite::Transaction, watch: Option<&dyn WriteWatch>) -> Result<()> {
        let mut remove = tx.prepare_cached("DELETE FROM project_search WHERE rowid = ?1")?;
        let mut add =
            tx.prepare_cached("INSERT INTO project_search (rowid, tokens) VALUES (?1, ?2)")?;
        for (done, op) in self.ops.into_iter().enumerate() {
            if done.is_multiple_of(REPORT_EVERY) {
                watch::check(watch)?;
            }
            match op {
                SearchOp::Remove(seq) => {
                    remove.execute([seq])?;
                }
                SearchOp::Add(seq, p) => {
                    let tokens =
                        search::index_tokens(&[&p.name, &p.company, &p.notes, &p.credit_code]);
                    add.execute(params![seq, tokens])?;
                }
                SearchOp::AddTokens(seq, tokens) => {
                    add.execute(params![seq, tokens])?;
                }
                SearchOp::AddPacked(seq, packed) => {
                    let p = packed.unpack();
                    let tokens =
                        search::index_tokens(&[&p.name, &p.company, &p.notes, &p.credit_code]);
                    add.execute(params![seq, tokens])?;
                }
            }
        }
        Ok(())
    }
}
