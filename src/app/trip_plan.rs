//! 出差清单 (trip planner): for a place and days, the target companies there — those on a 缺链
//! link first, then those on a weak (在谈) link, then the rest, A before B before C and 链主
//! first — and the 在谈 projects from there, each with its owner and last contact; 安排出差
//! makes, as one undo step, the 出差 over the days with a planned 拜访 per row ticked.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::background::{Background, Refresh};
use super::history::Change;
use super::target_companies::{link_choices, text_in_place};
use super::{AgendaAction, AppState, Freshness, Ledger, Screen};
use crate::domain::Stage;
use crate::domain::activity::{Activity, ActivityType, CountsAs, TRIP};
use crate::domain::chain::LinkStatus;
use crate::domain::chain::status::is_before_signing;
use crate::domain::target_company::{ContactStatus, Priority};
use crate::i18n::T;
use crate::store::{self, ProjectFilter, SortColumn, SortOrder, Store};

/// Where a company stands for a trip, by the weakest of its links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// One of its links is 缺链: the zone has nothing there.
    Missing,
    /// Weak: a link not 已有 — only projects before 签约 (在谈).
    Weak,
    /// Its links are all 已有, or it fits none.
    Rest,
}

impl Standing {
    /// The standing of a company whose links have these statuses.
    pub fn of(statuses: impl IntoIterator<Item = LinkStatus>) -> Standing {
        let mut standing = Standing::Rest;
        for status in statuses {
            standing = standing.min(match status {
                LinkStatus::Missing => Standing::Missing,
                LinkStatus::Negotiating => Standing::Weak,
                LinkStatus::Present => Standing::Rest,
            });
        }
        standing
    }
}

/// A target company in the place, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRow {
    pub id: Uuid,
    pub name: String,
    pub city: String,
    pub priority: Priority,
    pub chain_leader: bool,
    pub standing: Standing,
    /// Its links ("新能源汽车 · 动力电池") with their status.
    pub links: Vec<(String, LinkStatus)>,
    pub officer: String,
    pub contact: ContactStatus,
    /// The latest activity naming it (or its project), begun by today.
    pub last_contact: Option<NaiveDate>,
}

/// A 在谈 project from the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: Uuid,
    pub name: String,
    pub company: String,
    pub origin: String,
    pub stage: Stage,
    pub officer: String,
    pub last_contact: Option<NaiveDate>,
}

/// A row of the list, as ticked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pick {
    Company(Uuid),
    Project(Uuid),
}

/// The list for one place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TripList {
    pub place: String,
    pub companies: Vec<CompanyRow>,
    pub projects: Vec<ProjectRow>,
}

impl TripList {
    /// What is ticked at first: the companies on a 缺链 link and every project.
    pub fn default_picks(&self) -> BTreeSet<Pick> {
        let companies = (self.companies.iter())
            .filter(|c| c.standing == Standing::Missing)
            .map(|c| Pick::Company(c.id));
        let projects = self.projects.iter().map(|p| Pick::Project(p.id));
        companies.chain(projects).collect()
    }
}

/// The list for `place` (a city or a province, read by the origin rules); nothing for no
/// place. `officer_name` names an owner; last contacts count activities begun by `today`.
pub fn trip_list(
    store: &Store,
    officer_name: impl Fn(Option<Uuid>) -> String,
    place: &str,
    today: NaiveDate,
) -> store::Result<TripList> {
    let place = place.trim();
    let mut list = TripList {
        place: place.to_string(),
        ..TripList::default()
    };
    if place.is_empty() {
        return Ok(list);
    }
    let mut status_of: HashMap<Uuid, LinkStatus> = HashMap::new();
    for chain in store.chains()? {
        let map = store.chain_map(chain.id)?;
        status_of.extend(map.figures.links.iter().map(|(id, f)| (*id, f.status)));
    }
    let labels: HashMap<Uuid, String> = (link_choices(store)?.into_iter())
        .map(|l| (l.id, l.label))
        .collect();
    let met = store.last_company_contacts(today)?;
    let project_met = store.last_project_contacts(today)?;
    for c in store.target_companies()? {
        if !text_in_place(&c.city, place) {
            continue;
        }
        let links: Vec<(String, LinkStatus)> = (c.links.iter())
            .filter_map(|id| Some((labels.get(id)?.clone(), *status_of.get(id)?)))
            .collect();
        let last_contact = (met.get(c.name.trim()).copied())
            .max(c.project.and_then(|p| project_met.get(&p).copied()));
        list.companies.push(CompanyRow {
            id: c.id,
            standing: Standing::of(links.iter().map(|(_, s)| *s)),
            links,
            officer: officer_name(c.officer),
            last_contact,
            name: c.name,
            city: c.city,
            priority: c.priority,
            chain_leader: c.chain_leader,
            contact: c.contact,
        });
    }
    list.companies.sort_by(|a, b| {
        (a.standing, a.priority, !a.chain_leader, &a.name).cmp(&(
            b.standing,
            b.priority,
            !b.chain_leader,
            &b.name,
        ))
    });
    list.projects = projects_from(store, place, &project_met)?;
    Ok(list)
}

/// The projects from `place` before 签约 and on the line (not 搁置 or 终止), 洽谈 first.
fn projects_from(
    store: &Store,
    place: &str,
    met: &HashMap<Uuid, NaiveDate>,
) -> store::Result<Vec<ProjectRow>> {
    let wanted = crate::domain::region::normalize_origin(place);
    let filter = ProjectFilter {
        stages: vec![Stage::Negotiating, Stage::Lead],
        // Narrowed by the province in SQL; the city is checked below by the same rules.
        origin_province: wanted.and_then(|w| w.province).map(str::to_string),
        ..ProjectFilter::default()
    };
    let keys = store.ledger_keys(&filter, SortColumn::default(), SortOrder::default())?;
    let mut rows: Vec<ProjectRow> = (store.ledger_rows(&keys)?.into_iter())
        .filter(|r| is_before_signing(r.stage) && text_in_place(&r.origin, place))
        .map(|r| ProjectRow {
            id: r.id,
            last_contact: met.get(&r.id).copied(),
            name: r.name,
            company: r.company,
            origin: r.origin,
            stage: r.stage,
            officer: r.officer,
        })
        .collect();
    rows.sort_by(|a, b| (b.stage, &a.name).cmp(&(a.stage, &b.name)));
    Ok(rows)
}

/// A place as the origin rules name it ("Hangzhou" is 杭州, "江苏省" is 江苏), else as written.
pub fn place_label(text: &str) -> String {
    crate::domain::region::normalize_origin(text)
        .map_or_else(|| text.trim().to_string(), |p| p.label())
}

/// The title of a trip's list: "出差清单：苏州，2026-12-08 至 2026-12-10".
pub fn list_title(lang: crate::i18n::Lang, place: &str, from: NaiveDate, to: NaiveDate) -> String {
    lang.t(T::TripSheetTitle)
        .replace("{place}", &place_label(place))
        .replace("{from}", &from.to_string())
        .replace("{to}", &to.to_string())
}

/// The trip asked for: where, the days, who goes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TripDraft {
    pub place: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub officers: Vec<Uuid>,
}

/// The code of the first type that counts as `counts_as` (`preferred` if it does), else
/// `preferred`.
fn kind_for(types: &[ActivityType], counts_as: CountsAs, preferred: &str) -> String {
    let fits = |t: &&ActivityType| t.counts_as == counts_as;
    (types.iter().filter(fits).find(|t| t.code == preferred))
        .or_else(|| types.iter().find(fits))
        .map_or_else(|| preferred.to_string(), |t| t.code.clone())
}

/// The 出差 over the draft's days and, in the list's order, a planned 拜访 for each row
/// picked, spread evenly over the days and belonging to the trip. The trip comes first.
pub fn planned_trip(
    draft: &TripDraft,
    list: &TripList,
    picks: &BTreeSet<Pick>,
    types: &[ActivityType],
) -> Vec<Activity> {
    let mut trip = Activity::new(kind_for(types, CountsAs::Trip, TRIP), draft.from);
    trip.end = draft.to;
    trip.place = place_label(&draft.place);
    trip.officers = draft.officers.clone();
    let visit_kind = kind_for(types, CountsAs::Visit, "visit");
    // A visit's place as the origin rules read it ("江苏苏州" is 苏州), else as written, else the
    // trip's.
    let place_or_trip = |text: &str| match crate::domain::region::normalize_origin(text) {
        Some(place) => place.label(),
        None if text.trim().is_empty() => trip.place.clone(),
        None => text.trim().to_string(),
    };
    let mut visits = Vec::new();
    for c in list.companies.iter() {
        if picks.contains(&Pick::Company(c.id)) {
            let mut v = Activity::new(visit_kind.clone(), draft.from);
            v.place = place_or_trip(&c.city);
            v.companies = vec![c.name.trim().to_string()];
            visits.push(v);
        }
    }
    for p in list.projects.iter() {
        if picks.contains(&Pick::Project(p.id)) {
            let mut v = Activity::new(visit_kind.clone(), draft.from);
            v.place = place_or_trip(&p.origin);
            v.projects = vec![p.id];
            if !p.company.trim().is_empty() {
                v.companies = vec![p.company.trim().to_string()];
            }
            visits.push(v);
        }
    }
    let days = trip.days().max(1);
    let count = visits.len().max(1) as i64;
    for (i, v) in visits.iter_mut().enumerate() {
        v.start = draft.from + Duration::days(i as i64 * days / count);
        v.end = v.start;
        v.officers = draft.officers.clone();
        v.parent = Some(trip.id);
    }
    std::iter::once(trip).chain(visits).collect()
}

#[derive(Debug, Clone)]
pub enum TripAction {
    /// Opens the 出差清单 window (its draft kept from last time).
    Open,
    Close,
    SetDraft(TripDraft),
    /// A row ticked or not.
    Pick(Pick, bool),
    /// 安排出差: the trip and its visits, one undo step; the 日程 then shows its week.
    Plan,
    /// 导出: the list as shown, to an .xlsx.
    Export(PathBuf),
}

#[derive(Default)]
pub struct TripModel {
    pub open: bool,
    pub draft: TripDraft,
    pub list: TripList,
    pub picks: BTreeSet<Pick>,
    fresh: Freshness,
    /// The list is read over every chain's figures and every contact, seconds on a large
    /// ledger: the window reads it on a worker while the old list stays shown.
    pub(super) refresh: Refresh<TripList>,
}

impl TripModel {
    pub fn prepare(
        &mut self,
        ledger: &Ledger,
        today: NaiveDate,
        background: Option<&Background>,
    ) -> store::Result<()> {
        let officers = ledger.officers.clone();
        let place = self.draft.place.clone();
        let work = move |store: &Store| {
            let name = |id: Option<Uuid>| {
                let officer = id.and_then(|id| officers.iter().find(|o| o.id == id));
                officer.map(|o| o.name.clone()).unwrap_or_default()
            };
            trip_list(store, name, &place, today)
        };
        let Some(list) = self
            .refresh
            .update(&mut self.fresh, ledger, background, work)?
        else {
            return Ok(());
        };
        // Another place: its own picks; the same place remade (an edit): the user's kept.
        if list.place != self.list.place {
            self.picks = list.default_picks();
        }
        self.list = list;
        Ok(())
    }

    /// Whether the list is being read on a worker (the one shown is older, or of the place
    /// typed before).
    pub fn is_updating(&self) -> bool {
        self.refresh.is_updating()
    }

    /// Whether the list shown is of the place typed, so a trip planned from it visits there.
    pub fn list_is_current(&self) -> bool {
        !self.is_updating() && self.list.place == self.draft.place.trim()
    }

    /// The title of the list shown.
    pub fn title(&self, lang: crate::i18n::Lang) -> String {
        list_title(lang, &self.list.place, self.draft.from, self.draft.to)
    }
}

impl AppState {
    pub(super) fn apply_trip(&mut self, action: TripAction) {
        match action {
            TripAction::Open => {
                if self.trip.draft.from == NaiveDate::default() {
                    self.trip.draft.from = self.today;
                    self.trip.draft.to = self.today + Duration::days(2);
                    self.trip.draft.officers = self.ledger.my_officer.into_iter().collect();
                }
                // From 目标企业 filtered by a place: a trip there.
                if self.trip.draft.place.is_empty() && self.screen == Screen::Companies {
                    self.trip.draft.place = self.companies.filter.place.trim().to_string();
                }
                self.trip.open = true;
                self.trip.fresh.invalidate();
            }
            TripAction::Close => self.trip.open = false,
            TripAction::SetDraft(draft) => {
                if draft.place != self.trip.draft.place {
                    self.trip.fresh.invalidate();
                }
                self.trip.draft = draft;
            }
            TripAction::Pick(pick, on) => {
                if on {
                    self.trip.picks.insert(pick);
                } else {
                    self.trip.picks.remove(&pick);
                }
            }
            TripAction::Plan => self.plan_trip(),
            TripAction::Export(out) => self.export_trip(out),
        }
    }

    fn plan_trip(&mut self) {
        let draft = self.trip.draft.clone();
        if draft.place.trim().is_empty() {
            return self.error(self.t(T::TripNoPlace).to_string());
        }
        if !self.trip.list_is_current() {
            // The button waits for the list of the place typed; a planned trip never visits
            // the rows of the place typed before.
            return;
        }
        let types = match self.ledger.store().activity_types() {
            Ok(types) => types,
            Err(e) => return self.store_failed(T::SaveFailed, &e),
        };
        let planned = planned_trip(&draft, &self.trip.list, &self.trip.picks, &types);
        if let Some(problem) = planned.iter().find_map(|a| a.problems().first().copied()) {
            return self.error(self.t(super::agenda::problem_text(problem)).to_string());
        }
        let visits = planned.len() - 1;
        let step = (planned.into_iter())
            .map(|a| Change::Activity {
                id: a.id,
                before: None,
                after: Some(Box::new(a)),
            })
            .collect();
        if self.edit_following(step) {
            self.trip.open = false;
            self.apply_agenda(AgendaAction::Show {
                anchor: draft.from,
                month: false,
            });
            self.screen = Screen::Agenda;
            let text = (self.t(T::TripPlanned))
                .replace("{place}", &place_label(&draft.place))
                .replace("{n}", &visits.to_string());
            self.info(text);
        }
    }

    fn export_trip(&mut self, out: PathBuf) {
        let title = self.trip.title(self.lang);
        let written = crate::io::trip::export_trip_list(
            &out,
            &title,
            &self.trip.list,
            &self.trip.picks,
            self.lang,
        );
        match written {
            Ok(n) => self.info(
                self.t(T::TripExported)
                    .replace("{n}", &n.to_string())
                    .replace("{path}", &out.display().to_string()),
            ),
            Err(e) => self.error(e.text(self.lang)),
        }
    }
}
