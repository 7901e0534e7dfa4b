//! 招商队伍 (recruitment teams) and the officers in them.

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TeamKind {
    /// 产业招商局: a bureau for one industry.
    IndustryBureau,
    /// 招商小组
    #[default]
    Group,
    /// 驻点招商办: an office based in another city.
    RemoteOffice,
    /// 小分队
    Squad,
}

impl TeamKind {
    pub const ALL: [TeamKind; 4] = [
        TeamKind::IndustryBureau,
        TeamKind::Group,
        TeamKind::RemoteOffice,
        TeamKind::Squad,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TeamKind::IndustryBureau => "bureau",
            TeamKind::Group => "group",
            TeamKind::RemoteOffice => "remote_office",
            TeamKind::Squad => "squad",
        }
    }

    pub fn from_code(code: &str) -> Option<TeamKind> {
        TeamKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: Uuid,
    pub name: String,
    pub kind: TeamKind,
    /// Where a 驻点 office sits, e.g. 深圳; empty for teams at home.
    pub base_city: String,
    pub focus_industries: Vec<String>,
}

impl Team {
    pub fn new(name: impl Into<String>) -> Team {
        Team {
            id: Uuid::now_v7(),
            name: name.into(),
            kind: TeamKind::default(),
            base_city: String::new(),
            focus_industries: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    pub id: Uuid,
    pub team_id: Uuid,
    pub name: String,
    /// 组长, 副组长, 招商专员 … free text, offices name roles differently.
    pub role: String,
    pub phone: String,
}

impl Officer {
    pub fn new(team_id: Uuid, name: impl Into<String>) -> Officer {
        Officer {
            id: Uuid::now_v7(),
            team_id,
            name: name.into(),
            role: String::new(),
            phone: String::new(),
        }
    }
}
