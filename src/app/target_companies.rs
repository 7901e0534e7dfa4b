//! 招商目标企业库's read model and actions: the companies the screen lists under its filter
//! (link, priority, contact status, city or province, owner), the links they can fit (by chain),
//! saving and deleting a company, and 转为项目 — one undo step that makes a 线索 project from a
//! company, attaches it to the company's links and marks the company 已立项.

use uuid::Uuid;

use super::history::Change;
use super::{AppState, Freshness, Ledger};
use crate::domain::chain::ProjectLink;
use crate::domain::target_company::{ContactStatus, Priority, TargetCompany};
use crate::domain::{Project, Stage};
use crate::i18n::T;
use crate::store::{self, Store};

#[derive(Debug, Clone)]
pub enum CompanyAction {
    /// A company created or changed.
    Save(Box<TargetCompany>),
    Delete(Uuid),
    /// 转为项目: a 线索 project made from the company, linked to it.
    ToProject(Uuid),
    SetFilter(CompanyFilter),
    /// 导入…: the file chosen; its preview opens when it is read.
    Import(std::path::PathBuf),
    /// 确认 the preview: its new companies, one undo step.
    ConfirmImport,
    CancelImport,
    /// 导出…: the companies the list shows, to this file.
    Export(std::path::PathBuf),
}

/// Which companies the list shows. Empty fields do not filter.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompanyFilter {
    pub link: Option<Uuid>,
    pub priority: Option<Priority>,
    pub contact: Option<ContactStatus>,
    /// A city or a province, as typed ("苏州", "江苏"): companies there.
    pub place: String,
    pub officer: Option<Uuid>,
    /// Only the 链主.
    pub leaders_only: bool,
    /// Only companies whose city is in this province (a 招商地图 tile opened the list).
    pub province: Option<String>,
    /// Only companies in this foreign country (the map's abroad list opened the list).
    pub country: Option<String>,
}

impl CompanyFilter {
    pub fn is_all(&self) -> bool {
        *self == CompanyFilter::default()
    }

    /// Whether the filter lets `c` through.
    pub fn admits(&self, c: &TargetCompany) -> bool {
        self.link.is_none_or(|l| c.links.contains(&l))
            && self.priority.is_none_or(|p| c.priority == p)
            && self.contact.is_none_or(|s| c.contact == s)
            && self.officer.is_none_or(|o| c.officer == Some(o))
            && (!self.leaders_only || c.chain_leader)
            && in_place(c, &self.place)
            && (self.province.as_deref())
                .is_none_or(|p| c.origin().and_then(|o| o.province) == Some(p))
            && (self.country.as_deref()).is_none_or(|k| {
                c.origin()
                    .is_some_and(|o| o.province.is_none() && o.country == k)
            })
    }
}

/// Whether the company is in the city or province `place` names (nothing named: anywhere).
/// The place is read by the origin rules, so "江苏省", "苏州市" and "Suzhou" all work; text that
/// names no place matches the city as written.
pub fn in_place(c: &TargetCompany, place: &str) -> bool {
    text_in_place(&c.city, place)
}

/// Whether a place as written (a company's city, a project's 来源地) is in the city or province
/// `place` names, by the origin rules (nothing named: anywhere).
pub fn text_in_place(text: &str, place: &str) -> bool {
    let place = place.trim();
    if place.is_empty() {
        return true;
    }
    let origin = crate::domain::region::normalize_origin(text);
    match crate::domain::region::normalize_origin(place) {
        Some(wanted) if wanted.city.is_some() => origin.is_some_and(|o| o.city == wanted.city),
        Some(wanted) if wanted.province.is_some() => {
            origin.is_some_and(|o| o.province == wanted.province)
        }
        Some(wanted) => origin.is_some_and(|o| o.country == wanted.country),
        None => text.contains(place),
    }
}

/// A link a company can fit, with the name the screen shows ("新能源汽车 · 动力电池").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkChoice {
    pub id: Uuid,
    pub chain: Uuid,
    pub label: String,
    /// The chain's name and the link's own, apart.
    pub chain_name: String,
    pub name: String,
    /// A sub-link (under another link).
    pub sub: bool,
    /// The chain's industry ("" when it has none): a project made from the company gets it.
    pub industry: String,
}

#[derive(Default)]
pub struct CompaniesModel {
    pub filter: CompanyFilter,
    /// The companies the filter shows, by priority then name.
    pub rows: Vec<TargetCompany>,
    /// Every live company (how many the ledger holds).
    pub total: usize,
    /// Every link of every chain, chain by chain.
    pub links: Vec<LinkChoice>,
    /// The import's window, while one is open (`companies_import.rs`).
    pub import: Option<super::companies_import::CompanyImport>,
    fresh: Freshness,
}

/// Every link of every chain, chain by chain, sub-links after their link.
pub fn link_choices(store: &Store) -> store::Result<Vec<LinkChoice>> {
    let mut out = Vec::new();
    for chain in store.chains()? {
        let tree = store.chain_tree(chain.id)?;
        let mut nodes: Vec<_> = tree.nodes.iter().collect();
        nodes.sort_by(|a, b| {
            (a.segment, a.parent.is_some(), a.position, &a.name).cmp(&(
                b.segment,
                b.parent.is_some(),
                b.position,
                &b.name,
            ))
        });
        out.extend(nodes.into_iter().map(|n| LinkChoice {
            id: n.id,
            chain: chain.id,
            label: format!("{} · {}", chain.name, n.name),
            chain_name: chain.name.clone(),
            name: n.name.clone(),
            sub: n.parent.is_some(),
            industry: chain.industry.clone(),
        }));
    }
    Ok(out)
}

impl CompaniesModel {
    pub fn prepare(&mut self, ledger: &Ledger) -> store::Result<()> {
        if !self.fresh.is_stale(ledger.data_version()) {
            return Ok(());
        }
        self.fresh.built(ledger.data_version());
        let store = ledger.store();
        let all = store.target_companies()?;
        self.total = all.len();
        self.rows = all.into_iter().filter(|c| self.filter.admits(c)).collect();
        self.links = link_choices(store)?;
        Ok(())
    }

    /// The names of the links a company fits, joined with "、".
    pub fn link_names(&self, c: &TargetCompany) -> String {
        let names: Vec<&str> = (c.links.iter())
            .filter_map(|id| self.links.iter().find(|l| l.id == *id))
            .map(|l| l.label.as_str())
            .collect();
        names.join("、")
    }
}

/// The 线索 project 转为项目 makes from `c` on `today`: its name, credit code, origin and owner
/// (and the owner's team), and the industry of the first of its links' chains that has one.
pub fn project_from(
    c: &TargetCompany,
    links: &[LinkChoice],
    team_of: impl Fn(Uuid) -> Option<Uuid>,
    today: chrono::NaiveDate,
) -> Project {
    let mut p = Project::new(c.name.trim());
    p.company = c.name.trim().to_string();
    p.credit_code = c.credit_code.trim().to_string();
    p.origin = c.city.trim().to_string();
    p.officer_id = c.officer;
    p.team_id = c.officer.and_then(team_of);
    p.stage = Stage::Lead;
    p.set_stage_date(Stage::Lead, Some(today));
    let fits = |l: &&LinkChoice| c.links.contains(&l.id);
    if let Some(first) = links.iter().filter(fits).find(|l| !l.industry.is_empty()) {
        p.industry = first.industry.clone();
    }
    if let Some(link) = links.iter().find(fits) {
        p.chain_link = link
            .label
            .rsplit(" · ")
            .next()
            .unwrap_or_default()
            .to_string();
    }
    p
}

impl AppState {
    pub(super) fn apply_companies(&mut self, action: CompanyAction) {
        let step = match action {
            CompanyAction::SetFilter(filter) => {
                if filter != self.companies.filter {
                    self.companies.filter = filter;
                    self.companies.fresh.invalidate();
                }
                return;
            }
            CompanyAction::Save(company) => self.company_step(company.id, |_| Some(*company)),
            CompanyAction::Delete(id) => self.company_step(id, |_| None),
            CompanyAction::ToProject(id) => self.project_making_step(id),
            CompanyAction::Import(path) => return self.start_company_import(path),
            CompanyAction::ConfirmImport => return self.confirm_company_import(),
            CompanyAction::CancelImport => {
                self.companies.import = None;
                return;
            }
            CompanyAction::Export(path) => return self.export_company_list(path),
        };
        match step {
            Ok(Some(step)) => {
                self.edit(step);
            }
            Ok(None) => {}
            Err(e) => self.store_failed(T::SaveFailed, &e),
        }
    }

    /// The change of one company from what is stored to what `after` makes of it.
    fn company_step(
        &self,
        id: Uuid,
        after: impl FnOnce(Option<&TargetCompany>) -> Option<TargetCompany>,
    ) -> store::Result<Option<Vec<Change>>> {
        let before = self.ledger.store().target_company(id)?;
        let after = after(before.as_ref());
        if before.is_none() && after.is_none() {
            return Ok(None);
        }
        Ok(Some(vec![Change::TargetCompany {
            id,
            before: before.map(Box::new),
            after: after.map(Box::new),
        }]))
    }

    /// 转为项目 as one step: the project, its links, and the company marked 已立项 with it.
    fn project_making_step(&mut self, id: Uuid) -> store::Result<Option<Vec<Change>>> {
        let Some(company) = self.ledger.store().target_company(id)? else {
            return Ok(None);
        };
        // Once made, one project per company while it is in the ledger (an undone or deleted
        // project no longer counts).
        if company.project.is_some_and(|p| self.project(p).is_some()) {
            self.error(self.t(T::CoAlreadyProject).to_string());
            return Ok(None);
        }
        let links = link_choices(self.ledger.store())?;
        let officers = &self.ledger.officers;
        let team_of = |o: Uuid| officers.iter().find(|x| x.id == o).map(|x| x.team_id);
        let project = project_from(&company, &links, team_of, self.today);
        let mut step = vec![Change::Project {
            id: project.id,
            before: None,
            after: Some(Box::new(project.clone())),
        }];
        for node in &company.links {
            let link = ProjectLink::new(project.id, *node);
            step.push(Change::ProjectLink {
                id: link.id,
                before: None,
                after: Some(link),
            });
        }
        let mut after = company.clone();
        after.contact = ContactStatus::ProjectMade;
        after.project = Some(project.id);
        step.push(Change::TargetCompany {
            id,
            before: Some(Box::new(company)),
            after: Some(Box::new(after)),
        });
        self.info(
            self.t(T::CoProjectMade)
                .replace("{name}", &project.name)
                .to_string(),
        );
        Ok(Some(step))
    }
}
