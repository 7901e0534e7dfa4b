//! Demo data: a realistic development zone — bureaus named like the seeds', the seeds'
//! industries, a heavy-tailed spread of amounts, investors from 长三角, 大湾区, 京津冀 and
//! abroad, every stage, three years of dates. Deterministic for a given seed.

mod activities;
mod chains;
pub use activities::activities;
pub use chains::{DemoChains, chains_and_companies};

use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use crate::domain::money::{WAN, YI};
use crate::domain::region::{self, EconomicRegion};
use crate::domain::{
    CapitalType, Currency, Money, Officer, Ownership, Project, Stage, Team, TeamKind,
};

pub struct Demo {
    pub teams: Vec<Team>,
    pub officers: Vec<Officer>,
    pub projects: Vec<Project>,
}

const TEAMS: [(&str, TeamKind, &str, &[&str]); 6] = [
    (
        "智能制造产业发展部",
        TeamKind::IndustryBureau,
        "",
        &["智能制造", "高端装备", "汽车零部件"],
    ),
    (
        "生物医药招商局",
        TeamKind::IndustryBureau,
        "",
        &["生物医药", "大健康"],
    ),
    (
        "数字经济招商局",
        TeamKind::IndustryBureau,
        "",
        &["数字经济", "人工智能", "集成电路"],
    ),
    (
        "新能源新材料招商组",
        TeamKind::Group,
        "",
        &["新能源", "新材料"],
    ),
    ("深圳驻点招商办", TeamKind::RemoteOffice, "深圳", &[]),
    ("上海驻点招商办", TeamKind::RemoteOffice, "上海", &[]),
];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "洋", "勇", "艳", "杰", "喆", "堃", "犇", "昊", "婷", "涛",
    "明", "超", "秀英", "晓东", "海燕", "建国", "志强", "雪梅", "子涵", "一鸣", "思远", "玥", "鑫",
];
const ROLES: &[&str] = &["组长", "副组长", "招商专员", "招商专员", "项目经理"];

const INDUSTRIES: &[(&str, &[&str], &[&str])] = &[
    (
        "智能制造",
        &["工业机器人", "智能装备", "数控机床"],
        &["智能制造基地", "机器人产业化", "智能工厂"],
    ),
    (
        "生物医药",
        &["创新药", "医疗器械", "细胞治疗"],
        &["创新药产业化", "医疗器械生产基地", "CAR-T细胞治疗"],
    ),
    (
        "数字经济",
        &["工业软件", "数据中心", "元宇宙"],
        &["数字产业园", "区域总部", "算力中心"],
    ),
    (
        "新能源",
        &["动力电池", "储能", "氢能"],
        &["动力电池", "储能系统", "氢燃料电池"],
    ),
    (
        "新材料",
        &["隔膜", "碳纤维", "第三代半导体材料"],
        &["新材料产业化", "高性能膜材料", "碳纤维复合材料"],
    ),
    (
        "高端装备",
        &["轨道交通装备", "航空零部件"],
        &["高端装备制造", "精密零部件"],
    ),
    (
        "汽车零部件",
        &["链传动系统", "汽车电子", "轻量化车身"],
        &["汽车零部件生产基地", "新能源车型产业化"],
    ),
    (
        "集成电路",
        &["芯片设计", "封装测试"],
        &["芯片设计中心", "封测基地"],
    ),
    (
        "航空航天",
        &["卫星制造", "无人机"],
        &["无人机产业化", "商业航天"],
    ),
    ("大健康", &["康养", "医美"], &["康养综合体", "健康产业园"]),
    (
        "现代服务业",
        &["供应链金融", "总部经济"],
        &["区域结算中心", "供应链总部"],
    ),
];

const COMPANY_HEADS: &[&str] = &[
    "华", "中", "新", "恒", "金", "瑞", "博", "天", "宏", "创", "凯", "泰", "凌", "东", "远", "智",
    "德", "正", "高", "鼎",
];
const COMPANY_TAILS: &[&str] = &[
    "芯", "能", "科", "源", "达", "腾", "锐", "盛", "川", "宇", "微", "通", "泽", "航", "康", "驰",
];
const COMPANY_KINDS: &[&str] = &[
    "科技",
    "智能",
    "生物",
    "新能源",
    "材料",
    "装备",
    "电子",
    "医疗",
];

/// Weighted picks: economic region of the investor, as the seeds report them.
const ORIGIN_WEIGHTS: [(EconomicRegion, u32); 5] = [
    (EconomicRegion::YangtzeDelta, 38),
    (EconomicRegion::GreaterBayArea, 18),
    (EconomicRegion::BeijingTianjinHebei, 14),
    (EconomicRegion::OtherDomestic, 16),
    (EconomicRegion::Abroad, 14),
];

fn pick<'a, T>(rng: &mut SmallRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Heavy-tailed amounts in CNY: a few 百亿级, most 1–5亿, some below 1亿.
fn amount_cny(rng: &mut SmallRng) -> i64 {
    let roll: f64 = rng.random();
    // Amounts are drawn in whole 百万 so typed-looking figures come out (3.2亿, 12.5亿).
    let millions = if roll < 0.10 {
        rng.random_range(20..100)
    } else if roll < 0.72 {
        rng.random_range(100..500)
    } else if roll < 0.90 {
        rng.random_range(500..1_000)
    } else if roll < 0.97 {
        rng.random_range(1_000..3_000)
    } else if roll < 0.995 {
        rng.random_range(3_000..10_000)
    } else {
        rng.random_range(10_000..25_000)
    };
    millions * 1_000_000
}

pub fn generate(n: usize, seed: u64, today: NaiveDate) -> Demo {
    let mut zone = Zone {
        rng: SmallRng::seed_from_u64(seed),
        today,
        start: today - Duration::days(3 * 365),
    };
    let (teams, officers) = zone.teams_and_officers();
    let places: Vec<(&str, EconomicRegion)> = region::all_cities()
        .map(|(city, _)| city)
        .chain(region::all_countries())
        .filter_map(|name| region::normalize_origin(name).map(|p| (name, p.region)))
        .collect();
    let mut projects = Vec::with_capacity(n);
    for i in 0..n {
        let (mut project, cny) = zone.project(&places);
        let stage = project.stage;
        let team = pick(&mut zone.rng, &teams);
        project.team_id = Some(team.id);
        let team_officers: Vec<&Officer> =
            officers.iter().filter(|o| o.team_id == team.id).collect();
        project.officer_id = team_officers
            .get(i % team_officers.len().max(1))
            .map(|o| o.id);
        zone.progress(&mut project, stage, cny);
        projects.push(project);
    }
    Demo {
        teams,
        officers,
        projects,
    }
}

/// The generator's state: one random stream (so the same seed gives the same ledger, in the
/// order the draws are made here) and the three years it spreads the projects over.
struct Zone {
    rng: SmallRng,
    today: NaiveDate,
    start: NaiveDate,
}

impl Zone {
    /// A UUIDv7 built from the seed's stream and a day, so ids sort by when a record began.
    fn id(&mut self, day: NaiveDate) -> uuid::Uuid {
        let millis = day
            .and_hms_opt(9, 0, 0)
            .map(|t| t.and_utc().timestamp_millis())
            .unwrap_or_default()
            .max(0) as u64;
        let random: [u8; 10] = self.rng.random();
        uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
    }

    /// The zone's teams, each with three to five officers, the first its 组长.
    fn teams_and_officers(&mut self) -> (Vec<Team>, Vec<Officer>) {
        let mut teams = Vec::new();
        let mut officers = Vec::new();
        for (name, kind, base, focus) in TEAMS {
            let team = Team {
                id: self.id(self.start),
                name: name.to_string(),
                kind,
                base_city: base.to_string(),
                focus_industries: focus.iter().map(|s| s.to_string()).collect(),
            };
            for i in 0..self.rng.random_range(3..6) {
                let rng = &mut self.rng;
                let mut officer = Officer::new(
                    team.id,
                    format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN)),
                );
                officer.id = self.id(self.start);
                officer.role = if i == 0 {
                    "组长".into()
                } else {
                    pick(&mut self.rng, ROLES).to_string()
                };
                officer.phone = format!("139{:08}", self.rng.random_range(0..100_000_000u32));
                officers.push(officer);
            }
            teams.push(team);
        }
        (teams, officers)
    }

    /// An origin drawn by the regions' weights, then a place of that region.
    fn origin<'a>(&mut self, places: &[(&'a str, EconomicRegion)]) -> (&'a str, EconomicRegion) {
        let total_weight: u32 = ORIGIN_WEIGHTS.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.random_range(0..total_weight);
        let region = ORIGIN_WEIGHTS
            .iter()
            .find(|(_, w)| {
                let hit = roll < *w;
                roll = roll.saturating_sub(*w);
                hit
            })
            .map(|(r, _)| *r)
            .unwrap_or(EconomicRegion::YangtzeDelta);
        let candidates: Vec<&str> = places
            .iter()
            .filter(|(_, r)| *r == region)
            .map(|(name, _)| *name)
            .collect();
        let origin = if candidates.is_empty() {
            "上海"
        } else {
            *pick(&mut self.rng, &candidates)
        };
        (origin, region)
    }

    /// Foreign investors agree in their own currency, in round 百万 of it, most of the time.
    fn investment(&mut self, cny: i64, foreign: bool) -> Money {
        if !(foreign && self.rng.random_bool(0.6)) {
            return Money::cny(cny);
        }
        let currency = *pick(
            &mut self.rng,
            &[Currency::Usd, Currency::Eur, Currency::Jpy, Currency::Hkd],
        );
        let per_unit_cny = match currency {
            Currency::Usd => 7.1,
            Currency::Eur => 7.7,
            Currency::Jpy => 0.049,
            _ => 0.91,
        };
        let units = ((cny as f64 / per_unit_cny) / 1e6).round().max(1.0) as i64 * 1_000_000;
        Money { units, currency }
    }

    /// A project's name, investor, industry, investment, origin and kind, walked along the line
    /// to its stage (its team and officer are given by the caller), with its investment in CNY.
    fn project(&mut self, places: &[(&str, EconomicRegion)]) -> (Project, i64) {
        let rng = &mut self.rng;
        let (industry, links, products) = *pick(rng, INDUSTRIES);
        let company_core = format!(
            "{}{}{}",
            pick(rng, COMPANY_HEADS),
            pick(rng, COMPANY_TAILS),
            pick(rng, COMPANY_KINDS)
        );
        let (origin, region) = self.origin(places);
        let foreign = region == EconomicRegion::Abroad;
        let span_days = (self.today - self.start).num_days().max(1);
        let lead = self.start + Duration::days(self.rng.random_range(0..span_days));
        let mut project = Project::new(format!(
            "{}{}项目",
            company_core,
            pick(&mut self.rng, products)
        ));
        project.id = self.id(lead);
        project.company = if foreign {
            format!("{company_core}（中国）有限公司")
        } else {
            format!("{}{company_core}有限公司", origin.trim_end_matches('市'))
        };
        project.industry = industry.to_string();
        project.chain_link = pick(&mut self.rng, links).to_string();
        let cny = amount_cny(&mut self.rng);
        project.investment = Some(self.investment(cny, foreign));
        project.origin = origin.to_string();
        project.capital_type = Some(if foreign {
            CapitalType::Foreign
        } else if matches!(origin, "香港" | "澳门" | "台北" | "新竹") {
            CapitalType::HongKongMacauTaiwan
        } else {
            CapitalType::Domestic
        });
        project.ownership = Some(if foreign {
            Ownership::ForeignOwned
        } else {
            *pick(
                &mut self.rng,
                &[
                    Ownership::Private,
                    Ownership::Private,
                    Ownership::Private,
                    Ownership::LocalSoe,
                    Ownership::CentralSoe,
                ],
            )
        });
        project.is_headquarters = self.rng.random_bool(0.08);
        self.walk_the_line(&mut project, lead);
        (project, cny)
    }

    /// Each step is taken with some chance, dated after the last, never after today; a project
    /// that stopped before signing is sometimes put on hold or dropped.
    fn walk_the_line(&mut self, project: &mut Project, lead: NaiveDate) {
        let rng = &mut self.rng;
        project.set_stage_date(Stage::Lead, Some(lead));
        let mut stage = Stage::Lead;
        let mut day = lead;
        for (next, chance, min_days, max_days) in [
            (Stage::Negotiating, 0.85, 7, 90),
            (Stage::Signed, 0.7, 20, 240),
            (Stage::Construction, 0.65, 30, 200),
            (Stage::Production, 0.5, 180, 540),
        ] {
            let next_day = day + Duration::days(rng.random_range(min_days..max_days));
            if next_day > self.today || !rng.random_bool(chance) {
                break;
            }
            project.set_stage_date(next, Some(next_day));
            stage = next;
            day = next_day;
        }
        if stage < Stage::Signed && rng.random_bool(0.12) {
            let off = if rng.random_bool(0.5) {
                Stage::OnHold
            } else {
                Stage::Dropped
            };
            let off_day = (day + Duration::days(rng.random_range(10..120))).min(self.today);
            project.set_stage_date(off, Some(off_day));
            stage = off;
        }
        project.stage = stage;
    }

    /// What a signed project has (land, output, tax, jobs), the next step of one still moving,
    /// and now and then a note.
    fn progress(&mut self, project: &mut Project, stage: Stage, cny: i64) {
        let rng = &mut self.rng;
        if stage >= Stage::Signed && !stage.is_off_line() {
            project.land_centi_mu = Some(rng.random_range(20..400) * 100);
            project.annual_output_cny =
                Some(cny / YI * rng.random_range(1..3) * YI + rng.random_range(0..100) * WAN * 100);
            project.annual_tax_cny = project.annual_output_cny.map(|o| o / 20);
            project.jobs = Some(rng.random_range(50..2000));
        }
        if !stage.is_off_line() && stage != Stage::Production {
            let steps = [
                "拜访企业总部",
                "报送项目研判会",
                "对接用地方案",
                "起草投资协议",
                "协调施工许可",
            ];
            project.next_step = pick(rng, &steps).to_string();
            project.next_step_due = Some(self.today + Duration::days(rng.random_range(-30..60)));
        }
        if rng.random_bool(0.3) {
            let lead = project.stage_date(Stage::Lead).unwrap_or(self.today);
            project.notes = format!("{}年{}月来访洽谈，强链补链项目", lead.year(), lead.month());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_zone_looks_real() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let demo = generate(2000, 7, today);
        assert_eq!(demo.teams.len(), 6);
        assert_eq!(demo.projects.len(), 2000);
        for stage in Stage::ALL {
            assert!(demo.projects.iter().any(|p| p.stage == stage), "{stage:?}");
        }
        let big = demo
            .projects
            .iter()
            .filter(|p| {
                p.investment
                    .is_some_and(|m| m.currency == Currency::Cny && m.units >= 100 * YI)
            })
            .count();
        assert!(big > 0 && big < 40, "百亿级: {big}");
        assert!(demo.projects.iter().all(|p| p.validate().is_empty()));
        assert!(
            demo.projects
                .iter()
                .all(|p| p.stage_dates.iter().flatten().all(|d| *d <= today))
        );
        // Same seed, same ledger.
        assert_eq!(
            generate(50, 7, today).projects,
            generate(50, 7, today).projects[..].to_vec()
        );
    }
}
