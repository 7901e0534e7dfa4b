//! 产业链 as rows: chains, their links (a tree by parent id), the projects attached to links
//! and the users' overrides of a link's status; written through [`super::Write`].

use std::collections::{BTreeSet, HashMap};

use rusqlite::{Row, Transaction, params};
use uuid::Uuid;

use super::records::{bad, parse_uuid};
use super::{Result, Store};
use crate::domain::Stage;
use crate::domain::chain::status::{ChainMap, chain_figures};
use crate::domain::chain::{
    Chain, ChainNode, ChainText, ChainTextCount, ChainTree, LinkStatus, LinkedProject, ProjectLink,
    Segment, StatusOverride,
};

const CHAIN_COLUMNS: &str = "id, name, industry, notes, position";
const NODE_COLUMNS: &str =
    "id, chain_id, parent_id, segment, name, key_link, position, local_companies";

/// Soft-deletes a row of one of this module's tables (or the target companies').
pub(super) fn soft_delete(tx: &Transaction, table: &str, id: Uuid, now: &str) -> Result<()> {
    let sql = format!("UPDATE {table} SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1");
    tx.prepare_cached(&sql)?
        .execute(params![id.to_string(), now])?;
    Ok(())
}

pub(super) fn put_chain(tx: &Transaction, c: &Chain, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO chains (id, name, industry, notes, position, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, industry = excluded.industry, \
         notes = excluded.notes, position = excluded.position, \
         updated_at = excluded.updated_at, deleted_at = NULL",
    )?
    .execute(params![
        c.id.to_string(),
        c.name,
        c.industry,
        c.notes,
        c.position,
        now
    ])?;
    Ok(())
}

/// Inserts or replaces a link (and brings a deleted one back); its override is left as it is.
pub(super) fn put_node(tx: &Transaction, n: &ChainNode, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO chain_nodes (id, chain_id, parent_id, segment, name, key_link, position, \
         local_companies, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
         ON CONFLICT(id) DO UPDATE SET chain_id = excluded.chain_id, \
         parent_id = excluded.parent_id, segment = excluded.segment, name = excluded.name, \
         key_link = excluded.key_link, position = excluded.position, \
         local_companies = excluded.local_companies, updated_at = excluded.updated_at, \
         deleted_at = NULL",
    )?
    .execute(params![
        n.id.to_string(),
        n.chain.to_string(),
        n.parent.map(|p| p.to_string()),
        n.segment.code(),
        n.name,
        n.key_link as i64,
        n.position,
        serde_json::to_string(&n.local_companies).unwrap_or_else(|_| "[]".into()),
        now
    ])?;
    Ok(())
}

pub(super) fn put_project_link(tx: &Transaction, l: &ProjectLink, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO project_links (id, project_id, node_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?4) \
         ON CONFLICT(id) DO UPDATE SET project_id = excluded.project_id, \
         node_id = excluded.node_id, updated_at = excluded.updated_at, deleted_at = NULL",
    )?
    .execute(params![
        l.id.to_string(),
        l.project.to_string(),
        l.node.to_string(),
        now
    ])?;
    Ok(())
}

/// Sets (or with None lifts) the user's override of a link's status.
pub(super) fn set_override(
    tx: &Transaction,
    node: Uuid,
    status: Option<&StatusOverride>,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE chain_nodes SET override_status = ?2, override_reason = ?3, updated_at = ?4 \
         WHERE id = ?1",
    )?
    .execute(params![
        node.to_string(),
        status.map(|s| s.status.code()),
        status.map(|s| s.reason.as_str()).unwrap_or_default(),
        now
    ])?;
    Ok(())
}

fn chain_from_row(row: &Row) -> Result<Chain> {
    Ok(Chain {
        id: parse_uuid("chains.id", &row.get::<_, String>(0)?)?,
        name: row.get(1)?,
        industry: row.get(2)?,
        notes: row.get(3)?,
        position: row.get(4)?,
    })
}

fn node_from_row(row: &Row) -> Result<ChainNode> {
    let parent: Option<String> = row.get(2)?;
    let segment: String = row.get(3)?;
    let locals: String = row.get(7)?;
    Ok(ChainNode {
        id: parse_uuid("chain_nodes.id", &row.get::<_, String>(0)?)?,
        chain: parse_uuid("chain_nodes.chain_id", &row.get::<_, String>(1)?)?,
        parent: parent
            .map(|p| parse_uuid("chain_nodes.parent_id", &p))
            .transpose()?,
        segment: Segment::from_code(&segment).ok_or_else(|| bad("chain_nodes.segment", segment))?,
        name: row.get(4)?,
        key_link: row.get::<_, i64>(5)? != 0,
        position: row.get(6)?,
        local_companies: serde_json::from_str(&locals)
            .map_err(|_| bad("chain_nodes.local_companies", locals))?,
    })
}

/// A live project with a 产业链环节 text that no live link of the chain `?1` holds yet.
const UNLINKED: &str = "p.deleted_at IS NULL AND p.chain_link != '' AND NOT EXISTS ( \
     SELECT 1 FROM project_links AS l JOIN chain_nodes AS n ON n.id = l.node_id \
     WHERE l.project_id = p.id AND l.deleted_at IS NULL AND n.deleted_at IS NULL \
     AND n.chain_id = ?1)";

impl Store {
    /// Every live chain, in their order.
    pub fn chains(&self) -> Result<Vec<Chain>> {
        let sql = format!(
            "SELECT {CHAIN_COLUMNS} FROM chains WHERE deleted_at IS NULL ORDER BY position, name, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(chain_from_row(row)?);
        }
        Ok(out)
    }

    /// A chain by id, including a deleted one (undo needs it).
    pub fn chain(&self, id: Uuid) -> Result<Option<Chain>> {
        let sql = format!("SELECT {CHAIN_COLUMNS} FROM chains WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(chain_from_row).transpose()
    }

    /// A live chain by its name.
    pub fn chain_named(&self, name: &str) -> Result<Option<Chain>> {
        Ok(self.chains()?.into_iter().find(|c| c.name == name.trim()))
    }

    /// The live links of a chain. A sub-link whose parent is deleted is left out with it.
    pub fn chain_tree(&self, chain: Uuid) -> Result<ChainTree> {
        let sql = format!(
            "SELECT {NODE_COLUMNS} FROM chain_nodes WHERE chain_id = ?1 AND deleted_at IS NULL \
             ORDER BY position, name, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([chain.to_string()])?;
        let mut nodes = Vec::new();
        while let Some(row) = rows.next()? {
            nodes.push(node_from_row(row)?);
        }
        let tops: BTreeSet<Uuid> = (nodes.iter())
            .filter(|n| n.parent.is_none())
            .map(|n| n.id)
            .collect();
        nodes.retain(|n| n.parent.is_none_or(|p| tops.contains(&p)));
        Ok(ChainTree { nodes })
    }

    /// A link by id, including a deleted one (undo needs it).
    pub fn chain_node(&self, id: Uuid) -> Result<Option<ChainNode>> {
        let sql = format!("SELECT {NODE_COLUMNS} FROM chain_nodes WHERE id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([id.to_string()])?;
        rows.next()?.map(node_from_row).transpose()
    }

    /// The users' overrides of the links of a chain, by link.
    pub fn link_overrides(&self, chain: Uuid) -> Result<HashMap<Uuid, StatusOverride>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, override_status, override_reason FROM chain_nodes \
             WHERE chain_id = ?1 AND deleted_at IS NULL AND override_status IS NOT NULL",
        )?;
        let mut rows = stmt.query([chain.to_string()])?;
        let mut out = HashMap::new();
        while let Some(row) = rows.next()? {
            let id = parse_uuid("chain_nodes.id", &row.get::<_, String>(0)?)?;
            let code: String = row.get(1)?;
            let status = LinkStatus::from_code(&code)
                .ok_or_else(|| bad("chain_nodes.override_status", code))?;
            out.insert(
                id,
                StatusOverride {
                    status,
                    reason: row.get(2)?,
                },
            );
        }
        Ok(out)
    }

    /// The override of one link, deleted or not (undo needs it).
    pub fn link_override(&self, node: Uuid) -> Result<Option<StatusOverride>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT override_status, override_reason FROM chain_nodes WHERE id = ?1",
        )?;
        let mut rows = stmt.query([node.to_string()])?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        let Some(code) = row.get::<_, Option<String>>(0)? else {
            return Ok(None);
        };
        let status =
            LinkStatus::from_code(&code).ok_or_else(|| bad("chain_nodes.override_status", code))?;
        Ok(Some(StatusOverride {
            status,
            reason: row.get(1)?,
        }))
    }

    /// The live attachments of a project to links (one per link, the earliest row).
    pub fn links_of_project(&self, project: Uuid) -> Result<Vec<ProjectLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.id, l.node_id FROM project_links AS l \
             JOIN chain_nodes AS n ON n.id = l.node_id AND n.deleted_at IS NULL \
             WHERE l.project_id = ?1 AND l.deleted_at IS NULL ORDER BY l.id",
        )?;
        let mut rows = stmt.query([project.to_string()])?;
        let mut out: Vec<ProjectLink> = Vec::new();
        while let Some(row) = rows.next()? {
            let node = parse_uuid("project_links.node_id", &row.get::<_, String>(1)?)?;
            if out.iter().any(|l| l.node == node) {
                continue;
            }
            out.push(ProjectLink {
                id: parse_uuid("project_links.id", &row.get::<_, String>(0)?)?,
                project,
                node,
            });
        }
        Ok(out)
    }

    /// Every live attachment row of a project to `node` (two files may have made one each).
    pub fn project_link_rows(&self, project: Uuid, node: Uuid) -> Result<Vec<ProjectLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM project_links WHERE project_id = ?1 AND node_id = ?2 \
             AND deleted_at IS NULL ORDER BY id",
        )?;
        let mut rows = stmt.query([project.to_string(), node.to_string()])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(ProjectLink {
                id: parse_uuid("project_links.id", &row.get::<_, String>(0)?)?,
                project,
                node,
            });
        }
        Ok(out)
    }

    /// The live projects attached to a link, each once.
    pub fn projects_of_link(&self, node: Uuid) -> Result<Vec<Uuid>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT l.project_id FROM project_links AS l \
             JOIN projects AS p ON p.id = l.project_id AND p.deleted_at IS NULL \
             WHERE l.node_id = ?1 AND l.deleted_at IS NULL ORDER BY l.project_id",
        )?;
        let mut rows = stmt.query([node.to_string()])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(parse_uuid(
                "project_links.project_id",
                &row.get::<_, String>(0)?,
            )?);
        }
        Ok(out)
    }

    /// Every live project attached to a live link of `chain`, once per (link, project), with
    /// its stage and CNY figure: what the chain map's statuses and sums are made of.
    pub fn linked_projects(&self, chain: Uuid) -> Result<Vec<LinkedProject>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT l.node_id, l.project_id, p.stage, p.amount_cny \
             FROM chain_nodes AS n \
             JOIN project_links AS l ON l.node_id = n.id AND l.deleted_at IS NULL \
             JOIN projects AS p ON p.id = l.project_id AND p.deleted_at IS NULL \
             WHERE n.chain_id = ?1 AND n.deleted_at IS NULL ORDER BY l.node_id, l.project_id",
        )?;
        let mut rows = stmt.query([chain.to_string()])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let stage: String = row.get(2)?;
            out.push(LinkedProject {
                node: parse_uuid("project_links.node_id", &row.get::<_, String>(0)?)?,
                project: parse_uuid("project_links.project_id", &row.get::<_, String>(1)?)?,
                stage: Stage::from_code(&stage).ok_or_else(|| bad("projects.stage", stage))?,
                amount_cny: row.get(3)?,
            });
        }
        Ok(out)
    }

    /// The distinct 产业链环节 texts of live projects that no live link of `chain` holds yet,
    /// each with its industry and how many projects write it. Ledgers repeat a few texts over
    /// thousands of projects: the screen matches each text once, not each project.
    pub fn unlinked_chain_text_counts(&self, chain: Uuid) -> Result<Vec<ChainTextCount>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.chain_link, p.industry, count(*) FROM projects AS p \
             WHERE {UNLINKED} GROUP BY p.chain_link, p.industry"
        ))?;
        let rows = stmt.query_map([chain.to_string()], |r| {
            Ok(ChainTextCount {
                text: r.get(0)?,
                industry: r.get(1)?,
                projects: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Live projects that no live link of `chain` holds yet whose 产业链环节 text is one of
    /// `texts` (and whose industry is `industry`, when given), by name; at most `limit`.
    pub fn unlinked_projects_naming(
        &self,
        chain: Uuid,
        texts: &[String],
        industry: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ChainText>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT p.id, p.name, p.chain_link, p.industry FROM projects AS p \
             WHERE {UNLINKED} AND p.chain_link IN (SELECT value FROM json_each(?2)) \
             AND (?3 IS NULL OR p.industry = ?3) ORDER BY p.name, p.seq LIMIT ?4"
        ))?;
        let texts = serde_json::to_string(texts).unwrap_or_else(|_| "[]".into());
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut rows = stmt.query(rusqlite::params![chain.to_string(), texts, industry, limit])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id = parse_uuid("projects.id", &row.get::<_, String>(0)?)?;
            out.push(ChainText {
                project: id,
                name: row.get(1)?,
                text: row.get(2)?,
                industry: row.get(3)?,
            });
        }
        Ok(out)
    }

    /// A chain as the map draws it: its live links, their projects, the figures computed.
    pub fn chain_map(&self, chain: Uuid) -> Result<ChainMap> {
        let tree = self.chain_tree(chain)?;
        let linked = self.linked_projects(chain)?;
        let figures = chain_figures(&tree, &linked, &self.link_overrides(chain)?);
        Ok(ChainMap {
            tree,
            linked,
            figures,
        })
    }
}
