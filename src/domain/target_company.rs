//! 招商目标企业库: the companies a zone means to win for its chains' links — where they are
//! (the city read by the same rules as a project's origin), how much they matter, who owns the
//! contact and how far it has gone, and the project made from one.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::region::{Place, normalize_origin};

/// How much a target company matters: A first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum Priority {
    A,
    #[default]
    B,
    C,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::A, Priority::B, Priority::C];

    pub fn code(self) -> &'static str {
        match self {
            Priority::A => "A",
            Priority::B => "B",
            Priority::C => "C",
        }
    }

    /// A stored code or a cell: A/B/C in either case, or 甲/乙/丙.
    pub fn from_code(code: &str) -> Option<Priority> {
        match code.trim() {
            "A" | "a" | "甲" => Some(Priority::A),
            "B" | "b" | "乙" => Some(Priority::B),
            "C" | "c" | "丙" => Some(Priority::C),
            _ => None,
        }
    }
}

/// How far the contact with a target company has gone.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub enum ContactStatus {
    /// 未接触
    #[default]
    NotContacted,
    /// 已接触
    Contacted,
    /// 有意向
    Interested,
    /// 已立项: a project was made from it.
    ProjectMade,
}

impl ContactStatus {
    pub const ALL: [ContactStatus; 4] = [
        ContactStatus::NotContacted,
        ContactStatus::Contacted,
        ContactStatus::Interested,
        ContactStatus::ProjectMade,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ContactStatus::NotContacted => "not_contacted",
            ContactStatus::Contacted => "contacted",
            ContactStatus::Interested => "interested",
            ContactStatus::ProjectMade => "project",
        }
    }

    pub fn from_code(code: &str) -> Option<ContactStatus> {
        ContactStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One target company (招商目标企业).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetCompany {
    pub id: Uuid,
    pub name: String,
    /// 统一社会信用代码 as written ("" when unknown).
    pub credit_code: String,
    /// Where it is, as written; [`TargetCompany::origin`] reads it.
    pub city: String,
    pub priority: Priority,
    /// 链主: the leading company of its chain.
    pub chain_leader: bool,
    /// The officer who owns the contact.
    pub officer: Option<Uuid>,
    pub contact: ContactStatus,
    pub notes: String,
    /// The project made from it (转为项目).
    pub project: Option<Uuid>,
    /// The chain links it fits (many to many).
    pub links: Vec<Uuid>,
}

impl TargetCompany {
    pub fn new(name: impl Into<String>) -> TargetCompany {
        TargetCompany {
            id: Uuid::now_v7(),
            name: name.into(),
            credit_code: String::new(),
            city: String::new(),
            priority: Priority::default(),
            chain_leader: false,
            officer: None,
            contact: ContactStatus::default(),
            notes: String::new(),
            project: None,
            links: Vec::new(),
        }
    }

    /// The city read by the same rules as a project's origin; None when nothing is recognised.
    pub fn origin(&self) -> Option<Place> {
        normalize_origin(&self.city)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_companys_city_is_read_as_a_projects_origin_is() {
        let mut c = TargetCompany::new("宁德时代新能源科技股份有限公司");
        c.city = "福建宁德".into();
        let place = c.origin().expect("place");
        assert_eq!(place.city, Some("宁德"));
        assert_eq!(place.province, Some("福建"));
        c.city = "不知道".into();
        assert_eq!(c.origin(), None);
    }

    #[test]
    fn codes_read_back() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_code(p.code()), Some(p));
        }
        for s in ContactStatus::ALL {
            assert_eq!(ContactStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(Priority::from_code("甲"), Some(Priority::A));
    }
}
